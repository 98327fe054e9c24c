package io.chatrelay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.format.Masking;
import io.chatrelay.format.Platforms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person would read in each chat app for a request {@code demo}'s stand-ins got: the title,
 * the text, the facts on one line, the buttons; markup resolved. A webhook (or any type without a
 * reader here) shows its request as sent, shortened.
 */
final class ChatView {

    /** The types read as a chat message, in the order demo shows them; every other type comes after, raw. */
    static final List<String> CHAT_TYPES = List.of("slack", "discord", "teams", "telegram", "google_chat", "mattermost");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RAW_CHARS = 240;
    private static final int LINE_CHARS = 160;
    private static final Set<String> SHOWN_HEADERS = Set.of("x-chat-data-topic", "x-relay-event-id",
            "authorization", "webhook-id", "webhook-signature");
    private static final Pattern SLACK_LINK = Pattern.compile("<([^|>]+)\\|([^>]+)>");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");
    private static final Pattern HTML_LINK = Pattern.compile("<a href=\"([^\"]*)\">(.*?)</a>");

    private ChatView() {}

    /** The lines a person would read, for a request one stand-in got. */
    static List<String> lines(StandIns.Received received) {
        Optional<List<String>> read = Platforms.ALL.stream().filter(p -> p.type().equals(received.type())).findFirst()
                .flatMap(p -> p.asRead(received.body()));
        if (read.isPresent()) {
            return tidy(read.get());
        }
        if (!CHAT_TYPES.contains(received.type())) {
            return raw(received);
        }
        JsonNode body;
        try {
            body = JSON.readTree(received.body());
        } catch (IOException notJson) {
            return raw(received);
        }
        List<String> lines = switch (received.type()) {
            case "slack" -> slack(body);
            case "discord" -> discord(body);
            case "teams" -> teams(body);
            default -> telegram(body);
        };
        return tidy(lines);
    }

    /** One line a line, no blank ones, none wider than a terminal line. */
    private static List<String> tidy(List<String> lines) {
        return lines.stream().flatMap(line -> line.lines()).filter(line -> !line.isBlank())
                .map(line -> io.chatrelay.format.Text.truncate(line, LINE_CHARS)).toList();
    }

    private static List<String> slack(JsonNode body) {
        List<String> lines = new ArrayList<>();
        if (body.hasNonNull("thread_ts")) {
            lines.add("(a reply in the conversation's thread)");
        }
        for (JsonNode block : body.path("blocks")) {
            switch (block.path("type").asText()) {
                case "header" -> lines.add(block.path("text").path("text").asText());
                case "section" -> {
                    if (block.has("text")) {
                        lines.add(mrkdwn(block.path("text").path("text").asText()));
                    }
                    lines.add(facts(block.path("fields"), f -> mrkdwn(f.path("text").asText()).replaceFirst("\n", ": ")));
                }
                case "context" -> lines.add(String.join(" ", texts(block.path("elements"), e -> mrkdwn(e.path("text").asText()))));
                case "actions" -> block.path("elements").forEach(e -> lines.add(button(e.path("text").path("text").asText(),
                        e.path("url").asText())));
                default -> { }
            }
        }
        if (lines.isEmpty()) {
            lines.add(mrkdwn(body.path("text").asText()));
        }
        return lines;
    }

    private static List<String> discord(JsonNode body) {
        List<String> lines = new ArrayList<>();
        if (body.hasNonNull("thread_name")) {
            lines.add("(opens the forum post \"" + body.path("thread_name").asText() + "\")");
        }
        if (body.hasNonNull("content")) {
            lines.add(markdown(body.path("content").asText()));
        }
        for (JsonNode embed : body.path("embeds")) {
            lines.add(markdown(embed.path("title").asText()));
            lines.add(markdown(embed.path("description").asText()));
            lines.add(facts(embed.path("fields"), f -> markdown(f.path("name").asText() + ": " + f.path("value").asText())));
            if (embed.hasNonNull("url")) {
                lines.add(button(embed.path("title").asText(), embed.path("url").asText()));
            }
        }
        return lines;
    }

    private static List<String> teams(JsonNode body) {
        List<String> lines = new ArrayList<>();
        for (JsonNode attachment : body.path("attachments")) {
            JsonNode card = attachment.path("content");
            for (JsonNode element : card.path("body")) {
                if ("FactSet".equals(element.path("type").asText())) {
                    lines.add(facts(element.path("facts"), f -> f.path("title").asText() + ": " + f.path("value").asText()));
                } else if (element.hasNonNull("text")) {
                    lines.add(markdown(element.path("text").asText()));
                }
            }
            card.path("actions").forEach(a -> lines.add(button(a.path("title").asText(), a.path("url").asText())));
        }
        return lines;
    }

    private static List<String> telegram(JsonNode body) {
        String text = body.path("text").asText();
        Matcher links = HTML_LINK.matcher(text);
        text = links.replaceAll(m -> Matcher.quoteReplacement(button(m.group(2), m.group(1))));
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (String line : text.split("\n", -1)) {
            quoted |= line.contains("<blockquote");
            out.append(quoted ? "│ " : "").append(line).append('\n');
            quoted &= !line.contains("</blockquote>");
        }
        return List.of(out.toString().replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&amp;", "&"));
    }

    /** A webhook's request as sent: method, path, the headers that matter (masked), the body shortened. */
    private static List<String> raw(StandIns.Received received) {
        List<String> lines = new ArrayList<>();
        lines.add(received.method() + " " + received.path());
        received.headers().forEach((name, value) -> {
            if (SHOWN_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                lines.add(name + ": " + Masking.header(name, value));
            }
        });
        String body = new String(received.body(), StandardCharsets.UTF_8).replaceAll("\\s*\n\\s*", " ");
        lines.add(body.length() <= RAW_CHARS ? body
                : io.chatrelay.format.Text.truncate(body, RAW_CHARS) + " (" + received.body().length + " bytes)");
        return lines;
    }

    private static String mrkdwn(String text) {
        String linked = SLACK_LINK.matcher(text).replaceAll(m -> Matcher.quoteReplacement(button(m.group(2), m.group(1))));
        return linked.replaceAll("(?<![\\w*])\\*([^*\n]+)\\*(?![\\w*])", "$1").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** Discord's and Teams' Markdown as it reads: no bold markers, no backslash escapes, links as buttons. */
    private static String markdown(String text) {
        return MARKDOWN_LINK.matcher(text.replace("**", "")).replaceAll(m -> Matcher.quoteReplacement(button(m.group(1),
                m.group(2)))).replaceAll("\\\\([^\\w\\s])", "$1");
    }

    private static String button(String label, String url) {
        return "[" + label + "] " + url;
    }

    /** Facts side by side, as wide as a line allows, then on the next line. */
    private static String facts(JsonNode items, java.util.function.Function<JsonNode, String> fact) {
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (String text : texts(items, fact)) {
            if (out.length() > lineStart && out.length() - lineStart + text.length() + 3 > LINE_CHARS) {
                out.append('\n');
                lineStart = out.length();
            } else if (out.length() > lineStart) {
                out.append(" · ");
            }
            out.append(text);
        }
        return out.toString();
    }

    private static List<String> texts(JsonNode items, java.util.function.Function<JsonNode, String> text) {
        return StreamSupport.stream(items.spliterator(), false).map(text).map(t -> t.replace("\n", " ")).toList();
    }
}
