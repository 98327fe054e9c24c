package io.chatrelay.format.googlechat;

import io.chatrelay.format.Markdown;
import io.chatrelay.format.Markup;

/**
 * Google Chat's text formatting (a webhook message's {@code text}): {@code *bold*}, {@code _italic_},
 * {@code ~strike~}, {@code `code`}, {@code <url|label>}. It has no escape character, and
 * {@code <users/all>} or {@code <users/123>} in text notifies people; so in text from an event a
 * zero-width space follows every {@code <} (no link, no mention can form) and every formatting
 * marker (no marker pair can form), and the text shows as typed.
 */
final class GoogleChatText implements Markup {

    static final GoogleChatText INSTANCE = new GoogleChatText();
    private static final char BREAK = '\u200B';
    private static final String MARKERS = "<*_~`";

    static String render(String markdown) {
        return Markdown.render(markdown, INSTANCE);
    }

    static String literal(String raw) {
        return INSTANCE.text(raw);
    }

    @Override
    public String text(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(raw.length() + 8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            out.append(c);
            if (MARKERS.indexOf(c) >= 0) {
                out.append(BREAK);
            }
        }
        return out.toString();
    }

    @Override
    public String bold(String inner) {
        return inner.isBlank() ? inner : "*" + inner + "*";
    }

    @Override
    public String italic(String inner) {
        return inner.isBlank() ? inner : "_" + inner + "_";
    }

    @Override
    public String strike(String inner) {
        return inner.isBlank() ? inner : "~" + inner + "~";
    }

    @Override
    public String code(String raw) {
        return "`" + raw.replace("`", "'") + "`";
    }

    @Override
    public String codeBlock(String raw) {
        return "```\n" + raw.replace("```", "'''") + "\n```";
    }

    @Override
    public String link(String url, String label) {
        return "<" + url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C").replace(" ", "%20") + "|"
                + label.replace("|", "¦").replace(">", "›") + ">";
    }

    @Override
    public String quote(String inner) {
        return inner;
    }
}
