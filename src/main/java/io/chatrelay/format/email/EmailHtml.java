package io.chatrelay.format.email;

import io.chatrelay.format.Markdown;
import io.chatrelay.format.Markup;

/** An answer's Markdown as HTML for the mail's HTML part; every piece of text escaped. */
final class EmailHtml implements Markup {

    static final EmailHtml INSTANCE = new EmailHtml();

    static String render(String markdown) {
        return Markdown.render(markdown, INSTANCE).replace("\n", "<br>\n");
    }

    /** Text shown exactly as typed, line breaks kept. */
    static String escape(String raw) {
        return INSTANCE.text(raw).replace("\n", "<br>\n");
    }

    @Override
    public String text(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    @Override
    public String bold(String inner) {
        return "<strong>" + inner + "</strong>";
    }

    @Override
    public String italic(String inner) {
        return "<em>" + inner + "</em>";
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
