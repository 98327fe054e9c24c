package io.chatrelay.platform.whatsapp;

import io.chatrelay.render.Markdown;
import io.chatrelay.render.StarMarkup;

/**
 * WhatsApp's formatting: {@code *bold*}, {@code _italic_}, {@code ~strike~}, {@code `code`} and
 * triple-backtick monospace, {@code > quote}. It has no escape character, so in text from an event
 * a zero-width space follows each formatting marker: no marker pair can form and the text shows as
 * typed.
 */
final class WhatsAppText extends StarMarkup {

    static final WhatsAppText INSTANCE = new WhatsAppText();
    private static final String MARKERS = "*_~`";

    static String render(String markdown) {
        return Markdown.render(markdown, INSTANCE);
    }

    static String literal(String raw) {
        return INSTANCE.text(raw);
    }

    @Override
    public String text(String raw) {
        return breakingAfter(raw, MARKERS);
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
