package io.chatrelay.platform.chatdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.platform.Answer;
import io.chatrelay.platform.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChatDataAnswersTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private static Outcome classify(int status, String body) {
        return ChatDataAnswers.classify(Answer.json(status, body), NOW);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            200 | {"status":"success"}                                     | Delivered |
            201 | {}                                                       | Delivered |
            200 | {"status":"error","message":"Conversation not found"}    | Dead      | Conversation not found
            200 | {"message":"x","status":"error"}                         | Dead      | x
            400 | {"status":"error","message":"message must not be empty"} | Dead      | message must not be empty
            404 | {"status":"error","message":"Chatbot not found"}         | Dead      | Chatbot not found
            422 | plain words                                              | Dead      | 422 plain words
            500 | {"status":"error","message":"Internal server error"}     | Retry     | Internal server error
            502 | <html>Bad gateway</html>                                 | Retry     | 502 <html>Bad gateway</html>
            408 | ''                                                       | Retry     | 408
            425 | ''                                                       | Retry     | 425
            429 | {"status":"error","message":"Too many requests"}         | Retry     | Too many requests
            200 | {"status":"error"}                                       | Dead      | 200 Chat Data answered status: error without a message
            """)
    void readsTheBodyBeforeTheStatus(int status, String body, String kind, String reason) {
        Outcome outcome = classify(status, body);

        assertThat(outcome.getClass().getSimpleName()).isEqualTo(kind);
        if (outcome instanceof Outcome.Dead dead) {
            assertThat(dead.reason()).isEqualTo(reason);
            assertThat(dead.status()).isEqualTo(status);
        } else if (outcome instanceof Outcome.Retry retry) {
            assertThat(retry.reason()).isEqualTo(reason);
        }
    }

    @ParameterizedTest
    @CsvSource({"401", "403"})
    void aRefusedKeyIsDeadAtOnceAndSaysWhichKey(int status) {
        Outcome outcome = classify(status, "{\"status\":\"error\",\"message\":\"Invalid API key\"}");

        assertThat(outcome).isEqualTo(new Outcome.Dead(status, status + " Chat Data refused the API key "
                + "(Invalid API key): check chat_data.api_key"));
        assertThat(classify(status, "")).isEqualTo(new Outcome.Dead(status, status
                + " Chat Data refused the API key: check chat_data.api_key"));
    }

    @Test
    void retriesOn429HonouringRetryAfter() {
        Answer answer = new Answer(429, Map.of("Retry-After", "7", "Content-Type", "application/json"),
                "{\"status\":\"error\",\"message\":\"Too many requests\"}");

        assertThat(ChatDataAnswers.classify(answer, NOW))
                .isEqualTo(new Outcome.Retry(429, "Too many requests", Optional.of(Duration.ofSeconds(7))));
        assertThat(ChatDataAnswers.classify(new Answer(503, Map.of("Retry-After", "2"), ""), NOW))
                .isEqualTo(new Outcome.Retry(503, "503", Optional.of(Duration.ofSeconds(2))));
    }

    @Test
    void anErrorCutShortStillCountsAsAnError() {
        String cut = "{\"status\":\"error\",\"message\":\"Conversation not found\",\"detail\":\"abc";

        assertThat(classify(200, cut)).isEqualTo(new Outcome.Dead(200, "Conversation not found"));
    }
}
