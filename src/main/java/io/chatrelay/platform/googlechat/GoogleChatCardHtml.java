package io.chatrelay.platform.googlechat;

import io.chatrelay.render.HtmlMarkup;
import io.chatrelay.render.Markdown;

/**
 * Text in a Google Chat card: the HTML subset cards render ({@code <b> <i> <s> <a href> <br>}), every
 * value from an event escaped, so it shows as typed and can mention nobody (cards have no mentions).
 */
final class GoogleChatCardHtml extends HtmlMarkup {

    static final GoogleChatCardHtml INSTANCE = new GoogleChatCardHtml();

    static String render(String markdown) {
        return Markdown.render(markdown, INSTANCE).replace("\n", "<br>");
    }

    static String escape(String raw) {
        return escapeHtml(raw).replace("\n", "<br>");
    }

    @Override
    public String code(String raw) {
        return text(raw);
    }

    @Override
    public String codeBlock(String raw) {
        return text(raw);
    }

    @Override
    public String quote(String inner) {
        return inner;
    }
}
