package io.chatrelay.platform.googlechat;

import io.chatrelay.render.Markdown;
import io.chatrelay.render.StarMarkup;

/**
 * Google Chat's text formatting (a webhook message's {@code text}): {@code *bold*}, {@code _italic_},
 * {@code ~strike~}, {@code `code`}, {@code <url|label>}. It has no escape character, and
 * {@code <users/all>} or {@code <users/123>} in text notifies people; so in text from an event a
 * zero-width space follows every {@code <} (no link, no mention can form) and every formatting
 * marker (no marker pair can form), and the text shows as typed.
 */
final class GoogleChatText extends StarMarkup {

    static final GoogleChatText INSTANCE = new GoogleChatText();
    private static final String MARKERS = "<*_~`";

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
