package io.chatrelay.format.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.format.ReadAs;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A Telegram message as a person reads it: its HTML resolved, a quote marked with a bar, links as buttons. */
final class TelegramView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TelegramView() {}

    static Optional<List<String>> lines(byte[] body) {
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (IOException notJson) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (String line : message.path("text").asText().split("\n", -1)) {
            quoted |= line.contains("<blockquote");
            out.append(quoted ? "│ " : "").append(line).append('\n');
            quoted &= !line.contains("</blockquote>");
        }
        return Optional.of(List.of(ReadAs.html(out.toString())));
    }
}
