package io.chatrelay.platform.teams;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatrelay.render.ReadAs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A Teams Adaptive Card as a person reads it: its text blocks, the facts on a line, the buttons. */
final class TeamsView {

    private TeamsView() {}

    static Optional<List<String>> lines(byte[] body) {
        return ReadAs.json(body, TeamsView::lines);
    }

    private static List<String> lines(JsonNode message) {
        List<String> lines = new ArrayList<>();
        for (JsonNode attachment : message.path("attachments")) {
            JsonNode card = attachment.path("content");
            for (JsonNode element : card.path("body")) {
                if ("FactSet".equals(element.path("type").asText())) {
                    List<String> facts = new ArrayList<>();
                    element.path("facts").forEach(f -> facts.add(f.path("title").asText() + ": " + f.path("value").asText()));
                    lines.add(ReadAs.facts(facts));
                } else if (element.hasNonNull("text")) {
                    lines.add(ReadAs.markdown(element.path("text").asText()));
                }
            }
            card.path("actions").forEach(a -> lines.add(ReadAs.button(a.path("title").asText(), a.path("url").asText())));
        }
        return lines;
    }
}
