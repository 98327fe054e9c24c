package io.chatrelay.platform.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.HttpAnswers;
import io.chatrelay.platform.Outcome;
import io.chatrelay.platform.RetryAfter;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the Cloud API's answers mean. Success is 200 with {@code messages[0].id}; errors are
 * {@code {"error": {"message", "code", "error_data": {"details"}}}} and their code decides.
 */
final class WhatsAppAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Throughput, pair-rate, app and account rate limits, and service errors: a later attempt can pass. */
    private static final Set<Integer> RETRY = Set.of(4, 80007, 130429, 131056, 131000, 131016, 2);
    /** What to do about an error that will not go away. */
    private static final Map<Integer, String> ADVICE = Map.of(
            131047, "the recipient has not written to this number in the last 24 hours, so only a template reaches "
                    + "them: configure whatsapp_template with an approved template",
            190, "the access token is invalid or expired: create a new one (a system user's token does not expire)",
            131026, "the message cannot be delivered to this number (no WhatsApp account, or an old app version)",
            132001, "the template does not exist in this language or is not approved: check whatsapp_template's name "
                    + "and language in WhatsApp Manager",
            132018, "a template parameter holds a newline, a tab or more than four spaces in a row",
            132000, "the number of template parameters does not match the approved template's");

    private WhatsAppAnswers() {}

    static Outcome classify(Answer answer, Instant now) {
        Optional<JsonNode> error = error(answer.body());
        if (answer.isSuccess()) {
            if (messageId(answer.body()).isPresent() || error.isEmpty()) {
                return new Outcome.Delivered(answer.status());
            }
        }
        if (error.isEmpty()) {
            return HttpAnswers.classify(answer, now);
        }
        int code = error.get().path("code").asInt(-1);
        String reason = answer.status() + " error " + code + ": " + words(error.get())
                + (ADVICE.containsKey(code) ? " (" + ADVICE.get(code) + ")" : "");
        if (RETRY.contains(code) || (!ADVICE.containsKey(code) && HttpAnswers.isTransient(answer.status()))) {
            return new Outcome.Retry(answer.status(), reason, RetryAfter.header(answer, now));
        }
        return new Outcome.Dead(answer.status(), reason);
    }

    private static String words(JsonNode error) {
        String message = error.path("message").asText("");
        String details = error.path("error_data").path("details").asText("");
        return HttpAnswers.oneLine(details.isBlank() || message.contains(details) ? message : message + ": " + details);
    }

    private static Optional<JsonNode> error(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.isObject() ? Optional.of(error) : Optional.empty();
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<String> messageId(String body) {
        try {
            JsonNode id = JSON.readTree(body).path("messages").path(0).path("id");
            return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
