package io.chatrelay.platform.telegram;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.chatrelay.platform.JsonPeek;
import java.io.IOException;
import java.util.Optional;

/** What the relay reads from the Bot API's answers, which may be cut short (only their start is kept). */
final class TelegramAnswers {

    private static final JsonFactory JSON = new JsonFactory();

    private TelegramAnswers() {}

    /**
     * The chat and message id of {@code {"ok": true, "result": {"message_id", "chat": {"id"}}}}: both
     * come before the message's text, so a cut answer still has them.
     */
    static Optional<TelegramTakes.Posted> posted(String body) {
        Long messageId = null;
        String chatId = null;
        try (JsonParser parser = JSON.createParser(body == null ? "" : body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (parser.nextToken() != JsonToken.START_OBJECT || !field.equals("result")) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME && (messageId == null || chatId == null)) {
                    String inner = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (inner.equals("message_id") && value == JsonToken.VALUE_NUMBER_INT) {
                        messageId = parser.getLongValue();
                    } else if (inner.equals("chat") && value == JsonToken.START_OBJECT) {
                        chatId = chatId(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                break;
            }
        } catch (IOException cutShortOrNotJson) {
            // what was read before the cut is all there is
        }
        return messageId == null || chatId == null ? Optional.empty()
                : Optional.of(new TelegramTakes.Posted(chatId, messageId));
    }

    /** {@code chat.id}, the parser left after the chat object. */
    private static String chatId(JsonParser parser) throws IOException {
        String id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("id") && value.isScalarValue()) {
                id = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return id;
    }

    /** Whether an error's {@code description} says the edit changed nothing. */
    static boolean notModified(String body) {
        return JsonPeek.field(body, "description").filter(d -> d.contains("message is not modified")).isPresent();
    }
}
