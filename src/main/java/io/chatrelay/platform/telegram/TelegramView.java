package io.chatrelay.platform.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatrelay.render.ReadAs;
import java.util.List;
import java.util.Optional;

/** A Telegram message as a person reads it: its HTML resolved, a quote marked with a bar, links as buttons. */
final class TelegramView {

    private TelegramView() {}

    static Optional<List<String>> lines(byte[] body) {
        return ReadAs.json(body, TelegramView::lines);
    }

    private static List<String> lines(JsonNode message) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (String line : message.path("text").asText().split("\n", -1)) {
            quoted |= line.contains("<blockquote");
            out.append(quoted ? "│ " : "").append(line).append('\n');
            quoted &= !line.contains("</blockquote>");
        }
        return List.of(ReadAs.html(out.toString()));
    }
}
