package io.chatrelay.platform.slack;

import io.chatrelay.render.Markdown;
import io.chatrelay.render.StarMarkup;

/** Markdown to Slack mrkdwn: {@code **b**} to {@code *b*}, {@code [t](u)} to {@code <u|t>}, user text escaped. */
final class SlackMrkdwn extends StarMarkup {

    static final SlackMrkdwn INSTANCE = new SlackMrkdwn();

    static String render(String markdown) {
        return Markdown.render(markdown, INSTANCE);
    }

    @Override
    public String text(String raw) {
        return SlackText.escape(raw);
    }

    @Override
    public String code(String raw) {
        return "`" + SlackText.escape(raw.replace("`", "'")) + "`";
    }

    @Override
    public String codeBlock(String raw) {
        return "```\n" + SlackText.escape(raw.replace("```", "'''")) + "\n```";
    }

    @Override
    public String link(String url, String label) {
        // Slack has no escape for | or > inside a link: percent-encode them in the URL, and keep | out of the label
        String safeUrl = url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C").replace(" ", "%20")
                .replace("&", "&amp;");
        return "<" + safeUrl + "|" + label.replace("|", "¦") + ">";
    }

    @Override
    public String quote(String inner) {
        return "> " + inner.replace("\n", "\n> ");
    }
}
