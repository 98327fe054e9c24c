package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatrelay.render.ReadAs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Slack message as a person reads it: header, sections, fields on a line, context, buttons; mrkdwn resolved. */
final class SlackView {

    private static final Pattern SLACK_LINK = Pattern.compile("<([^|>]+)\\|([^>]+)>");

    private SlackView() {}

    static Optional<List<String>> lines(byte[] body) {
        return ReadAs.json(body, SlackView::lines);
    }

    private static List<String> lines(JsonNode message) {
        List<String> lines = new ArrayList<>();
        boolean threaded = message.hasNonNull("thread_ts");
        if (threaded) {
            lines.add("(a reply in the conversation's thread)");
        }
        for (JsonNode block : message.path("blocks")) {
            switch (block.path("type").asText()) {
                case "header" -> lines.add(block.path("text").path("text").asText());
                case "section" -> {
                    if (block.has("text")) {
                        lines.add(mrkdwn(block.path("text").path("text").asText()));
                    }
                    List<String> facts = new ArrayList<>();
                    block.path("fields").forEach(f -> facts.add(mrkdwn(f.path("text").asText()).replaceFirst("\n", ": ")));
                    lines.add(ReadAs.facts(facts));
                }
                case "context" -> {
                    List<String> texts = new ArrayList<>();
                    block.path("elements").forEach(e -> texts.add(mrkdwn(e.path("text").asText())));
                    lines.add(String.join(" ", texts));
                }
                case "actions" -> block.path("elements").forEach(e -> lines.add(ReadAs.button(
                        e.path("text").path("text").asText(), e.path("url").asText()).strip())); // a button Slack sends back has no url
                default -> { }
            }
        }
        if (lines.size() == (threaded ? 1 : 0)) { // no blocks: the text is the message
            lines.add(mrkdwn(message.path("text").asText()));
        }
        return lines;
    }

    private static String mrkdwn(String text) {
        String linked = SLACK_LINK.matcher(text).replaceAll(m -> Matcher.quoteReplacement(ReadAs.button(m.group(2),
                m.group(1))));
        return linked.replaceAll("(?<![\\w*])\\*([^*\n]+)\\*(?![\\w*])", "$1").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
