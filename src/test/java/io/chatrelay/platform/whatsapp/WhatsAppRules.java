package io.chatrelay.platform.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cloud API's rules for a message: {@code messaging_product: whatsapp}, one recipient's digits,
 * a text of 1..4,096 characters, or a template whose body parameters are non-empty single lines
 * without tabs or runs of more than four spaces (error 132018).
 */
final class WhatsAppRules {

    private WhatsAppRules() {}

    static List<String> violations(JsonNode message) {
        List<String> problems = new ArrayList<>();
        if (!"whatsapp".equals(message.path("messaging_product").asText())) {
            problems.add("messaging_product must be whatsapp");
        }
        if (!message.path("to").asText("").matches("[1-9][0-9]{6,14}")) {
            problems.add("to must be the recipient's digits, is " + message.path("to"));
        }
        switch (message.path("type").asText()) {
            case "text" -> {
                String body = message.path("text").path("body").asText("");
                if (body.isEmpty() || body.length() > 4096) {
                    problems.add("text.body must be 1..4096 chars, is " + body.length());
                }
                if (!body.isEmpty() && Character.isHighSurrogate(body.charAt(body.length() - 1))) {
                    problems.add("text.body ends inside a surrogate pair");
                }
            }
            case "template" -> template(message.path("template"), problems);
            default -> problems.add("type must be text or template, is " + message.path("type"));
        }
        return problems;
    }

    private static void template(JsonNode template, List<String> problems) {
        if (template.path("name").asText("").isBlank() || template.path("language").path("code").asText("").isBlank()) {
            problems.add("template needs a name and a language code");
        }
        for (JsonNode component : template.path("components")) {
            for (JsonNode parameter : component.path("parameters")) {
                String text = parameter.path("text").asText("");
                if (text.isEmpty() || text.contains("\n") || text.contains("\t") || text.contains("     ")) {
                    problems.add("parameter breaks error 132018's rule: " + text.substring(0, Math.min(40, text.length())));
                }
                if (text.length() > 1024) {
                    problems.add("parameter is " + text.length() + " chars");
                }
            }
        }
    }
}
