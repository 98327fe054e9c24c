package io.chatrelay.format.googlechat;

import io.chatrelay.format.Markdown;
import io.chatrelay.format.Markup;

/**
 * Text in a Google Chat card: the HTML subset cards render ({@code <b> <i> <s> <a href> <br>}), every
 * value from an event escaped, so it shows as typed and can mention nobody (cards have no mentions).
 */
final class GoogleChatCardHtml implements Markup {

    static final GoogleChatCardHtml INSTANCE = new GoogleChatCardHtml();

    static String render(String markdown) {
        return Markdown.render(markdown, INSTANCE).replace("\n", "<br>");
    }

    static String escape(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("\n", "<br>");
    }

    @Override
    public String text(String raw) {
        return raw == null ? "" : raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    @Override
    public String bold(String inner) {
        return "<b>" + inner + "</b>";
    }

    @Override
    public String italic(String inner) {
        return "<i>" + inner + "</i>";
    }

    @Override
    public String strike(String inner) {
        return "<s>" + inner + "</s>";
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
    public String link(String url, String label) {
        return "<a href=\"" + text(url) + "\">" + label + "</a>";
    }

    @Override
    public String quote(String inner) {
        return inner;
    }
}
