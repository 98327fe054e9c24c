package io.chatrelay.platform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads one top-level field of a JSON answer that may be cut short (only the start of a body is
 * kept): Slack's {@code ok} and {@code ts}, Discord's {@code channel_id} come first.
 */
public final class JsonPeek {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonPeek() {}

    public static Optional<String> field(String json, String name) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name) && value.isScalarValue()) {
                    return Optional.of(parser.getText());
                }
                parser.skipChildren();
            }
        } catch (IOException cutShortOrNotJson) {
            // what was read before the cut is all there is
        }
        return Optional.empty();
    }
}
