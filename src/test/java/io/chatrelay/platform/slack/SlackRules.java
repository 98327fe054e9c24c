package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's Block Kit rules from shared/platforms.md, checked the way Slack would reject a message,
 * plus the rule that matters most: no user text may form a mention ({@code <!channel>}, {@code <@U1>}).
 */
final class SlackRules {

    private static final Pattern ANGLE = Pattern.compile("<([^>]*)>?");

    private SlackRules() {}

    /**
     * As {@link #violations(JsonNode)}, except for mentions of these users ({@code <@U123>}): the
     * relay's own mention of the person who took an escalation, never user text.
     */
    static List<String> violations(JsonNode message, java.util.Set<String> mentioned) {
        return violations(message).stream().filter(v -> mentioned.stream()
                .noneMatch(user -> v.endsWith("unescaped markup <@" + user + ">"))).toList();
    }

    static List<String> violations(JsonNode message) {
        List<String> problems = new ArrayList<>();
        String text = message.path("text").asText("");
        if (text.isEmpty() || text.length() > 40_000) {
            problems.add("text must be 1..40000 chars, is " + text.length());
        }
        checkMrkdwn("text", text, problems);
        JsonNode blocks = message.path("blocks");
        if (blocks.size() > 50) {
            problems.add("more than 50 blocks: " + blocks.size());
        }
        for (JsonNode block : blocks) {
            String type = block.path("type").asText();
            switch (type) {
                case "header" -> limit(problems, "header", block.path("text").path("text").asText(), 1, 150);
                case "section" -> section(block, problems);
                case "actions" -> actions(block, problems);
                case "context" -> {
                    if (block.path("elements").size() > 10) {
                        problems.add("context with more than 10 elements");
                    }
                }
                default -> problems.add("unexpected block type " + type);
            }
        }
        return problems;
    }

    /**
     * Buttons: text 1..75; a link ({@code url} 1..3000) or an action Slack sends back ({@code action_id}
     * 1..255, unique in its block, {@code value} at most 2000); {@code style} primary or danger.
     */
    private static void actions(JsonNode block, List<String> problems) {
        java.util.Set<String> actionIds = new java.util.HashSet<>();
        if (block.path("elements").size() > 25) {
            problems.add("actions with more than 25 elements");
        }
        for (JsonNode e : block.path("elements")) {
            limit(problems, "button text", e.path("text").path("text").asText(), 1, 75);
            if (e.has("url")) {
                limit(problems, "button url", e.path("url").asText(), 1, 3000);
            } else if (!e.has("action_id")) {
                problems.add("a button with neither url nor action_id");
            }
            if (e.has("action_id")) {
                limit(problems, "action_id", e.path("action_id").asText(), 1, 255);
                if (!actionIds.add(e.path("action_id").asText())) {
                    problems.add("action_id " + e.path("action_id").asText() + " twice in one block");
                }
            }
            if (e.has("value")) {
                limit(problems, "button value", e.path("value").asText(), 1, 2000);
            }
            if (e.has("style") && !List.of("primary", "danger").contains(e.path("style").asText())) {
                problems.add("button style must be primary or danger, is " + e.path("style").asText());
            }
        }
    }

    private static void section(JsonNode block, List<String> problems) {
        if (block.has("text")) {
            String text = block.path("text").path("text").asText();
            limit(problems, "section text", text, 1, 3000);
            checkMrkdwn("section", text, problems);
        }
        JsonNode fields = block.path("fields");
        if (fields.size() > 10) {
            problems.add("section with " + fields.size() + " fields");
        }
        for (JsonNode field : fields) {
            limit(problems, "field", field.path("text").asText(), 1, 2000);
            checkMrkdwn("field", field.path("text").asText(), problems);
        }
        if (!block.has("text") && fields.isEmpty()) {
            problems.add("section with neither text nor fields");
        }
    }

    /** A {@code <...>} in mrkdwn is only ever a link the relay made; anything else could ping or inject. */
    private static void checkMrkdwn(String where, String text, List<String> problems) {
        Matcher matcher = ANGLE.matcher(text);
        while (matcher.find()) {
            String inside = matcher.group(1);
            if (!(inside.startsWith("http://") || inside.startsWith("https://") || inside.startsWith("mailto:"))) {
                problems.add(where + " contains unescaped markup <" + inside + ">");
            }
        }
        int amp = text.indexOf('&');
        while (amp >= 0) {
            String rest = text.substring(amp);
            if (!(rest.startsWith("&amp;") || rest.startsWith("&lt;") || rest.startsWith("&gt;"))) {
                problems.add(where + " contains a bare & at " + amp);
            }
            amp = text.indexOf('&', amp + 1);
        }
    }

    private static void limit(List<String> problems, String what, String text, int min, int max) {
        if (text.length() < min || text.length() > max) {
            problems.add(what + " must be " + min + ".." + max + " chars, is " + text.length());
        }
        if (!text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            problems.add(what + " ends inside a surrogate pair");
        }
    }
}
