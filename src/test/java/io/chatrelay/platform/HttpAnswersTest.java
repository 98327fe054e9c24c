package io.chatrelay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The answer classification most platforms start from, and the waits a server asks for in every form. */
class HttpAnswersTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static Answer result(int status, Map<String, String> headers, String body) {
        return new Answer(status, headers, body);
    }

    @Test
    void classifiesEveryStatusClass() {
        assertThat(HttpAnswers.classify(result(200, Map.of(), "ok"), NOW)).isEqualTo(new Outcome.Delivered(200));
        assertThat(HttpAnswers.classify(result(202, Map.of(), ""), NOW)).isEqualTo(new Outcome.Delivered(202));
        for (int retried : new int[] {408, 425, 429, 500, 502, 503, 504}) {
            assertThat(HttpAnswers.classify(result(retried, Map.of(), ""), NOW)).isInstanceOf(Outcome.Retry.class);
        }
        for (int dead : new int[] {301, 400, 401, 403, 404, 410, 413, 422}) {
            assertThat(HttpAnswers.classify(result(dead, Map.of(), "x"), NOW)).isInstanceOf(Outcome.Dead.class);
        }
    }

    @Test
    void keepsAShortOneLineExcerptOfTheResponse() {
        Outcome dead = HttpAnswers.classify(result(404, Map.of(), "no_service\n\n   " + "x".repeat(500)), NOW);

        assertThat(((Outcome.Dead) dead).reason()).startsWith("404 no_service x").hasSizeLessThan(220).doesNotContain("\n");
    }

    @Test
    void explainsAFailureInTheServersOwnWords() {
        Outcome discord = HttpAnswers.classify(result(404, Map.of(), "{\"message\": \"Unknown Webhook\", \"code\": 10015}"), NOW);
        Outcome telegram = HttpAnswers.classify(result(403, Map.of(),
                "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was kicked\"}"), NOW);

        assertThat(((Outcome.Dead) discord).reason()).isEqualTo("404 Unknown Webhook");
        assertThat(((Outcome.Dead) telegram).reason()).isEqualTo("403 Forbidden: bot was kicked");
    }

    @Test
    void readsRetryAfterInEveryForm() {
        assertThat(RetryAfter.header(result(429, Map.of("retry-after", "7"), ""), NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.header(result(503, Map.of("Retry-After", "Tue, 24 Nov 2026 12:00:30 GMT"), ""), NOW))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.jsonSeconds("{\"retry_after\":0.25,\"global\":false}", "retry_after"))
                .contains(Duration.ofMillis(250));
        assertThat(RetryAfter.jsonSeconds("{\"ok\":false,\"parameters\":{\"retry_after\":12}}", "parameters",
                "retry_after")).contains(Duration.ofSeconds(12));
        assertThat(RetryAfter.longest(Optional.of(Duration.ofSeconds(2)), Optional.of(Duration.ofMillis(3500))))
                .as("the later of header and body").contains(Duration.ofMillis(3500));
        assertThat(RetryAfter.header(result(429, Map.of("retry-after", "soon"), "not json"), NOW)).isEmpty();
        assertThat(RetryAfter.jsonSeconds("not json", "retry_after")).isEmpty();
        assertThat(RetryAfter.header(result(429, Map.of("retry-after", "99999999"), ""), NOW))
                .as("capped").contains(Duration.ofHours(24));
    }
}
