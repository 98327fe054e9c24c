package io.chatrelay.platform.googlechat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Google Chat space webhook's rules: at most 32,000 bytes; a card with an id, a header title and
 * widgets; card text only in the HTML subset cards render, entities whole; and no {@code <...>} in
 * the text that is not a link the relay made, so {@code <users/all>} can never reach it.
 */
final class GoogleChatRules {

    private static final Set<String> CARD_TAGS = Set.of("b", "i", "u", "s", "a", "br", "font");
    private static final Pattern TAG = Pattern.compile("</?([a-zA-Z]+)[^<>]*>");
    private static final Pattern ANGLE = Pattern.compile("<([^>\u200B]*)>");

    private GoogleChatRules() {}

    static List<String> violations(JsonNode message, int bytes) {
        List<String> problems = new ArrayList<>();
        if (bytes > 32_000) {
            problems.add("message is " + bytes + " bytes, over 32000");
        }
        String text = message.path("text").asText("");
        if (text.contains("<users/")) {
            problems.add("text mentions: " + text.substring(text.indexOf("<users/"), Math.min(text.length(),
                    text.indexOf("<users/") + 20)));
        }
        Matcher angle = ANGLE.matcher(text);
        while (angle.find()) {
            if (!angle.group(1).startsWith("http://") && !angle.group(1).startsWith("https://")
                    && !angle.group(1).startsWith("mailto:")) {
                problems.add("text has markup that is not a link: <" + angle.group(1) + ">");
            }
        }
        JsonNode card = message.path("cardsV2").path(0);
        if (card.path("cardId").asText("").isEmpty()) {
            problems.add("card without a cardId");
        }
        if (card.path("card").path("header").path("title").asText("").isBlank()) {
            problems.add("card without a header title");
        }
        for (JsonNode section : card.path("card").path("sections")) {
            if (section.path("widgets").isEmpty()) {
                problems.add("section without widgets");
            }
            for (JsonNode widget : section.path("widgets")) {
                cardText(widget.path("textParagraph").path("text").asText(""), problems);
                cardText(widget.path("decoratedText").path("text").asText(""), problems);
                for (JsonNode button : widget.path("buttonList").path("buttons")) {
                    String url = button.path("onClick").path("openLink").path("url").asText("");
                    if (!url.startsWith("https://") && !url.startsWith("http://")) {
                        problems.add("button opens " + url);
                    }
                }
            }
        }
        return problems;
    }

    private static void cardText(String html, List<String> problems) {
        Matcher tag = TAG.matcher(html);
        StringBuilder outside = new StringBuilder();
        int last = 0;
        while (tag.find()) {
            if (!CARD_TAGS.contains(tag.group(1).toLowerCase(java.util.Locale.ROOT))) {
                problems.add("card text has tag <" + tag.group(1) + ">");
            }
            outside.append(html, last, tag.start());
            last = tag.end();
        }
        outside.append(html.substring(last));
        String text = outside.toString();
        if (text.contains("<") || text.contains(">")) {
            problems.add("card text has a raw < or >");
        }
        for (int amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', amp + 1)) {
            int end = text.indexOf(';', amp);
            if (end < 0 || end - amp > 8) {
                problems.add("card text has a bare &");
                break;
            }
        }
    }
}
