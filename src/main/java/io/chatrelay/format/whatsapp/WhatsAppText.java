package io.chatrelay.format.whatsapp;

import io.chatrelay.format.Markdown;
import io.chatrelay.format.Markup;

/**
 * WhatsApp's formatting: {@code *bold*}, {@code _italic_}, {@code ~strike~}, {@code `code`} and
 * triple-backtick monospace, {@code > quote}. It has no escape character, so in text from an event
 * a zero-width space follows each formatting marker: no marker pair can form and the text shows as
 * typed.
 */
final class WhatsAppText implements Markup {

    static final WhatsAppText INSTANCE = new WhatsAppText();
    private static final char BREAK = '\u200B';
    private static final String MARKERS = "*_~`";

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
        return "`" + raw.replace("`", "'").replace("\n", " ") + "`";
    }

    @Override
    public String codeBlock(String raw) {
        return "```" + raw.replace("```", "'''") + "```";
    }

    /** WhatsApp links bare URLs itself: the label, then the URL. */
    @Override
    public String link(String url, String label) {
        return label.equals(url) || label.isBlank() ? url : label + " (" + url + ")";
    }

    @Override
    public String quote(String inner) {
        return "> " + inner.replace("\n", "\n> ");
    }
}
