package io.chatrelay.platform.chatdata;

import io.chatrelay.platform.Answer;
import io.chatrelay.platform.HttpAnswers;
import io.chatrelay.platform.JsonPeek;
import io.chatrelay.platform.Outcome;
import io.chatrelay.platform.RetryAfter;
import java.time.Instant;
import java.util.Optional;

/**
 * What Chat Data's API answers mean. Its own integration reads the body, not the status: a body of
 * {@code {"status": "error", "message": "..."}} is a failure whatever the status, 200 included,
 * and its message is the reason. 401 and 403 mean the API key was refused: dead at once, since no
 * retry brings a key back. Otherwise the common policy: 408, 425, 429 and 5xx retried (after
 * {@code Retry-After}), any other 4xx dead with Chat Data's words, a 2xx delivered.
 */
public final class ChatDataAnswers {

    private ChatDataAnswers() {}

    public static Outcome classify(Answer answer, Instant now) {
        int status = answer.status();
        Optional<String> error = error(answer.body());
        if (status == 401 || status == 403) {
            return new Outcome.Dead(status, status + " Chat Data refused the API key"
                    + error.filter(words -> !words.isBlank()).map(words -> " (" + words + ")").orElse("")
                    + ": check chat_data.api_key");
        }
        if (error.isEmpty()) {
            return HttpAnswers.classify(answer, now);
        }
        String reason = error.get().isBlank() ? status + " Chat Data answered status: error without a message"
                : error.get();
        return HttpAnswers.isTransient(status) ? new Outcome.Retry(status, reason, RetryAfter.header(answer, now))
                : new Outcome.Dead(status, reason);
    }

    /** The message of a {@code "status": "error"} body (blank when it has none); empty for any other body. */
    static Optional<String> error(String body) {
        if (!JsonPeek.field(body, "status").filter("error"::equalsIgnoreCase).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(JsonPeek.field(body, "message").map(HttpAnswers::oneLine).orElse(""));
    }
}
