package io.chatrelay.platform.teams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A Teams Workflows message: one Adaptive Card 1.4, only OpenUrl actions, at most 28 KB. */
final class TeamsRules {

    private TeamsRules() {}

    static List<String> violations(JsonNode message, int bytes) {
        List<String> problems = new ArrayList<>();
        if (bytes > 28_000) {
            problems.add("message is " + bytes + " bytes, over 28 KB");
        }
        JsonNode attachment = message.path("attachments").path(0);
        if (!"application/vnd.microsoft.card.adaptive".equals(attachment.path("contentType").asText())) {
            problems.add("attachment is not an Adaptive Card");
        }
        JsonNode card = attachment.path("content");
        if (!"1.4".equals(card.path("version").asText()) || !"AdaptiveCard".equals(card.path("type").asText())) {
            problems.add("not an Adaptive Card 1.4");
        }
        for (JsonNode action : card.path("actions")) {
            if (!"Action.OpenUrl".equals(action.path("type").asText())) {
                problems.add("unsupported action " + action.path("type"));
            }
        }
        for (JsonNode block : card.path("body")) {
            if ("TextBlock".equals(block.path("type").asText()) && block.path("text").asText().isEmpty()) {
                problems.add("empty TextBlock");
            }
        }
        return problems;
    }
}
