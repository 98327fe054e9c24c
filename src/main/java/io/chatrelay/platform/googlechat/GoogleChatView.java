package io.chatrelay.platform.googlechat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatrelay.render.ReadAs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A Google Chat card as a person reads it: header, sections' text, facts on a line, buttons; HTML resolved. */
final class GoogleChatView {

    private GoogleChatView() {}

    static Optional<List<String>> lines(byte[] body) {
        return ReadAs.json(body, GoogleChatView::lines);
    }

    private static List<String> lines(JsonNode message) {
        List<String> lines = new ArrayList<>();
        if (message.hasNonNull("thread")) {
            lines.add("(in the conversation's thread)");
        }
        for (JsonNode card : message.path("cardsV2")) {
            lines.add(card.path("card").path("header").path("title").asText());
            for (JsonNode section : card.path("card").path("sections")) {
                List<String> facts = new ArrayList<>();
                for (JsonNode widget : section.path("widgets")) {
                    if (widget.has("textParagraph")) {
                        lines.add(ReadAs.html(widget.path("textParagraph").path("text").asText()));
                    } else if (widget.has("decoratedText")) {
                        JsonNode fact = widget.path("decoratedText");
                        facts.add(fact.path("topLabel").asText() + ": " + ReadAs.html(fact.path("text").asText()));
                    }
                    widget.path("buttonList").path("buttons").forEach(button -> lines.add(ReadAs.button(
                            button.path("text").asText(), button.path("onClick").path("openLink").path("url").asText())));
                }
                if (!facts.isEmpty()) {
                    lines.add(ReadAs.facts(facts));
                }
            }
        }
        if (lines.isEmpty()) {
            lines.add(message.path("text").asText());
        }
        return lines;
    }
}
