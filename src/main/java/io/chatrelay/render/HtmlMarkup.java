package io.chatrelay.render;

/**
 * Markdown as HTML, for the platforms whose text is an HTML subset (Telegram, Google Chat cards,
 * email): {@code <b> <i> <s> <code> <pre> <a href> <blockquote>}, with every piece of text from
 * an event escaped. A platform overrides the tags it spells differently or does not support.
 */
public abstract class HtmlMarkup implements Markup {

    /** Escapes text for an element's content or a double-quoted attribute. */
    protected static String escapeHtml(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public String text(String raw) {
        return escapeHtml(raw);
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
        return "<code>" + text(raw) + "</code>";
    }

    @Override
    public String codeBlock(String raw) {
        return "<pre>" + text(raw) + "</pre>";
    }

    @Override
    public String link(String url, String label) {
        return "<a href=\"" + text(url) + "\">" + label + "</a>";
    }

    @Override
    public String quote(String inner) {
        return "<blockquote>" + inner + "</blockquote>";
    }
}
