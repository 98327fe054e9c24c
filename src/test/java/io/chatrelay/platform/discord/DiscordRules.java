package io.chatrelay.platform.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Discord's execute-webhook rules from shared/platforms.md: embed limits and no pings. */
final class DiscordRules {

    private DiscordRules() {}

    static List<String> violations(JsonNode message) {
        List<String> problems = new ArrayList<>();
        JsonNode parse = message.path("allowed_mentions").path("parse");
        if (!parse.isArray() || !parse.isEmpty()) {
            problems.add("allowed_mentions.parse must be [] but is " + message.path("allowed_mentions"));
        }
        limit(problems, "content", message.path("content").asText(""), 2000);
        limit(problems, "username", message.path("username").asText(""), 80);
        JsonNode embeds = message.path("embeds");
        if (embeds.size() > 10) {
            problems.add("more than 10 embeds");
        }
        int total = 0;
        for (JsonNode embed : embeds) {
            total += limit(problems, "title", embed.path("title").asText(""), 256);
            total += limit(problems, "description", embed.path("description").asText(""), 4096);
            total += limit(problems, "footer", embed.path("footer").path("text").asText(""), 2048);
            total += limit(problems, "author", embed.path("author").path("name").asText(""), 256);
            if (embed.path("fields").size() > 25) {
                problems.add("more than 25 fields");
            }
            for (JsonNode field : embed.path("fields")) {
                total += limit(problems, "field name", field.path("name").asText(""), 256);
                total += limit(problems, "field value", field.path("value").asText(""), 1024);
                if (field.path("name").asText("").isBlank() || field.path("value").asText("").isBlank()) {
                    problems.add("field with an empty name or value");
                }
            }
            if (!embed.path("color").isInt()) {
                problems.add("color must be an integer");
            }
        }
        if (total > 6000) {
            problems.add("embeds total " + total + " chars, over 6000");
        }
        return problems;
    }

    private static int limit(List<String> problems, String what, String text, int max) {
        if (text.length() > max) {
            problems.add(what + " is " + text.length() + " chars, over " + max);
        }
        if (!text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            problems.add(what + " ends inside a surrogate pair");
        }
        return text.length();
    }
}
