package io.chatrelay.platform.mattermost;

import io.chatrelay.render.Markdown;
import io.chatrelay.render.Markup;

/**
 * Mattermost renders Markdown itself, so an answer's Markdown is kept (re-emitted from the parsed
 * tree), and text from an event shows as typed: Markdown punctuation backslash-escaped, and every
 * {@code @} that could start a mention broken with a zero-width space.
 *
 * <p>Mattermost's server looks for mentions in the Markdown text nodes (not code) of a post's
 * message and its attachments' {@code pretext}, {@code text} and field values. It splits the text
 * into words on every character other than letters, digits and {@code : . - _ @}, trims leading
 * {@code : . - _}, splits again at {@code . - :}, and a word {@code @channel}, {@code @all},
 * {@code @here}, {@code @<username>} or {@code @<group>} notifies. A zero-width space after an
 * {@code @} that follows anything but a letter or digit splits such a word in two, so it matches
 * nothing; an {@code @} inside a word (an email address) is left alone, as it cannot mention.
 */
final class MattermostText implements Markup {

    static final MattermostText INSTANCE = new MattermostText();
    static final char BREAK = '\u200B';
    /** Characters that start Markdown anywhere in a line. */
    private static final String INLINE = "\\`*_[]<>#~|&";
    /** Characters that start Markdown only at the start of a line (lists, quotes, setext headings). */
    private static final String LINE_START = "-+=>";
    private static final java.util.regex.Pattern ORDERED = java.util.regex.Pattern.compile("^( *\\d+)([.)])", java.util.regex.Pattern.MULTILINE);

    /** An answer's Markdown, kept as Markdown, with every text part shown as typed. */
    static String render(String markdown) {
        return Markdown.render(markdown, INSTANCE);
    }

    /** Text that must show exactly as typed: no Markdown, no mention. */
    static String literal(String raw) {
        return INSTANCE.text(raw);
    }

    /** Breaks every {@code @} that could start a mention. */
    static String unmention(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c);
            if (c == '@' && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                out.append(BREAK);
            }
        }
        return out.toString();
    }

    @Override
    public String text(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(raw.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (INLINE.indexOf(c) >= 0 || (lineStart && LINE_START.indexOf(c) >= 0)) {
                out.append('\\');
            }
            out.append(c);
            lineStart = c == '\n' || (lineStart && c == ' ');
        }
        return unmention(ORDERED.matcher(out).replaceAll("$1\\\\$2"));
    }

    @Override
    public String bold(String inner) {
        return inner.isBlank() ? inner : "**" + inner + "**";
    }

    @Override
    public String italic(String inner) {
        return inner.isBlank() ? inner : "_" + inner + "_";
    }

    @Override
    public String strike(String inner) {
        return inner.isBlank() ? inner : "~~" + inner + "~~";
    }

    @Override
    public String code(String raw) {
        String fence = raw.contains("`") ? "`` " : "`";
        return fence + raw.replace("\n", " ") + new StringBuilder(fence).reverse();
    }

    @Override
    public String codeBlock(String raw) {
        return "```\n" + raw.replace("```", "'''") + "\n```";
    }

    @Override
    public String link(String url, String label) {
        return "[" + label + "](" + url.replace("(", "%28").replace(")", "%29").replace(" ", "%20") + ")";
    }

    @Override
    public String quote(String inner) {
        return "> " + inner.replace("\n", "\n> ");
    }
}
