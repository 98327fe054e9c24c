package io.chatrelay.platform.email;

import io.chatrelay.render.HtmlMarkup;
import io.chatrelay.render.Markdown;

/** An answer's Markdown as HTML for the mail's HTML part; every piece of text escaped. */
final class EmailHtml extends HtmlMarkup {

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
        return escapeHtml(raw).replace("'", "&#39;");
    }

    @Override
    public String bold(String inner) {
        return "<strong>" + inner + "</strong>";
    }

    @Override
    public String italic(String inner) {
        return "<em>" + inner + "</em>";
    }
}
