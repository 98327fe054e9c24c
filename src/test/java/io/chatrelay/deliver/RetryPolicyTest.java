package io.chatrelay.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.RateLimit;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.HttpAnswers;
import io.chatrelay.platform.Outcome;
import io.chatrelay.platform.RetryAfter;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared retry policy every destination uses: classification, backoff, Retry-After, rate limits. */
class RetryPolicyTest {

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
    void retriesTimeoutsAndNetworkErrors() {
        assertThat(NoAnswer.outcome(new SocketTimeoutException("timeout")))
                .isEqualTo(new Outcome.Retry(0, "timeout: SocketTimeoutException", Optional.empty()));
        assertThat(NoAnswer.outcome(new java.net.SocketException("Connection reset")))
                .isEqualTo(new Outcome.Retry(0, "network error: SocketException: Connection reset", Optional.empty()));
        assertThat(NoAnswer.outcome(new IOException()))
                .isEqualTo(new Outcome.Retry(0, "network error: IOException", Optional.empty()));
    }

    @Test
    void aNetworkErrorsReasonShowsNoCredentialsOfAUrlItQuotes() {
        assertThat(NoAnswer.outcome(new IOException(
                "unexpected end of stream on https://user:pw@api.telegram.org/bot123:SECRET/sendMessage?x=1 (reused)")))
                .isEqualTo(new Outcome.Retry(0, "network error: IOException: unexpected end of stream on "
                        + "https://api.telegram.org/*** (reused)", Optional.empty()));
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

    @Test
    void backoffGrowsExponentiallyWithinItsBounds() {
        Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), () -> 0.0);
        Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), () -> 0.999_999);

        assertThat(lowest.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(highest.delay(1)).isBetween(Duration.ofMillis(1_990), Duration.ofSeconds(2));
        assertThat(highest.delay(3)).isBetween(Duration.ofMillis(7_990), Duration.ofSeconds(8));
        assertThat(highest.delay(30)).isBetween(Duration.ofMillis(599_000), Duration.ofMinutes(10));
        assertThat(lowest.delay(30)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rateLimiterRefillsAtItsRateUpToTheBurst() {
        RateLimiter limiter = new RateLimiter(Map.of("slack", Optional.of(new RateLimit(1, Duration.ofSeconds(1), 3)),
                "crm", Optional.empty()), NOW);

        assertThat(limiter.available("slack", NOW)).isEqualTo(3);
        limiter.take("slack", 3);
        assertThat(limiter.nextAllowed("slack", NOW)).isEqualTo(NOW.plusSeconds(1));
        assertThat(limiter.available("slack", NOW.plusMillis(999))).isZero();
        assertThat(limiter.available("slack", NOW.plusSeconds(1))).isEqualTo(1);
        assertThat(limiter.available("slack", NOW.plusSeconds(60))).isEqualTo(3);
        assertThat(limiter.available("crm", NOW)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aPauseHoldsADestinationEvenWithTokensLeft() {
        RateLimiter limiter = new RateLimiter(Map.of("discord", Optional.of(new RateLimit(5, Duration.ofSeconds(2)))), NOW);

        limiter.pauseUntil("discord", NOW.plusSeconds(3));
        limiter.pauseUntil("discord", NOW.plusSeconds(1));

        assertThat(limiter.available("discord", NOW.plusSeconds(2))).isZero();
        assertThat(limiter.nextAllowed("discord", NOW)).isEqualTo(NOW.plusSeconds(3));
        assertThat(limiter.available("discord", NOW.plusSeconds(3))).isEqualTo(5);
    }
}
