package io.chatrelay.platform.discord;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatrelay.render.ReadAs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A Discord message as a person reads it: content, each embed's title, description, fields on a line, link. */
final class DiscordView {

    private DiscordView() {}

    static Optional<List<String>> lines(byte[] body) {
        return ReadAs.json(body, DiscordView::lines);
    }

    private static List<String> lines(JsonNode message) {
        List<String> lines = new ArrayList<>();
        if (message.hasNonNull("thread_name")) {
            lines.add("(opens the forum post \"" + message.path("thread_name").asText() + "\")");
        }
        if (message.hasNonNull("content")) {
            lines.add(ReadAs.markdown(message.path("content").asText()));
        }
        for (JsonNode embed : message.path("embeds")) {
            lines.add(ReadAs.markdown(embed.path("title").asText()));
            lines.add(ReadAs.markdown(embed.path("description").asText()));
            List<String> facts = new ArrayList<>();
            embed.path("fields").forEach(f -> facts.add(ReadAs.markdown(f.path("name").asText() + ": "
                    + f.path("value").asText())));
            lines.add(ReadAs.facts(facts));
            if (embed.hasNonNull("url")) {
                lines.add(ReadAs.button(embed.path("title").asText(), embed.path("url").asText()));
            }
        }
        return lines;
    }
}
