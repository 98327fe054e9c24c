package io.chatrelay.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.DeliveryConfig;
import io.chatrelay.deliver.RetryPolicy.Decision;
import io.chatrelay.platform.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The one retry decision, as a table: what becomes of a delivery after each attempt's outcome, and
 * how long its destination is held. The policy: 5 attempts, backoff from 1s to at most 10s, its
 * jitter always at the top, so the n-th failure waits min(10s, 2^n s). What each platform's answers
 * mean is {@code PlatformContractTest}'s table; what the relay does with a decision, the delivery tests'.
 */
class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final RetryPolicy POLICY = RetryPolicy.of(
            new DeliveryConfig(Duration.ofSeconds(10), 5, Duration.ofSeconds(1), Duration.ofSeconds(10)), () -> 1.0);

    private static final Decision DELIVERED = new Decision.Delivered();
    private static final Decision DEAD = new Decision.Dead();

    /** After attempt {@code attempt} of 5 came to {@code outcome}, the delivery is {@code expected}. */
    record Decides(String says, Outcome outcome, int attempt, Decision expected) {
        @Override
        public String toString() {
            return says;
        }
    }

    static final List<Decides> DECISIONS = List.of(
            new Decides("a 200 is delivered", delivered(200), 1, DELIVERED),
            new Decides("a success on the last attempt is delivered", delivered(250), 5, DELIVERED),
            new Decides("a 503 is retried after the backoff: 2s after the first attempt", retry(503), 1, retryIn(2)),
            new Decides("the backoff doubles: 4s after the second", retry(503), 2, retryIn(4)),
            new Decides("and stops at backoff.max: 10s after the fourth", retry(503), 4, retryIn(10)),
            new Decides("a 503 on the last attempt is dead", retry(503), 5, DEAD),
            new Decides("no answer at all is retried like a 503", retry(0), 3, retryIn(8)),
            new Decides("a Retry-After longer than the backoff is honoured: 30s", retryAfter(429, 30), 1, retryIn(30)),
            new Decides("a Retry-After shorter than the backoff waits the backoff", retryAfter(429, 1), 1, retryIn(2)),
            new Decides("a Retry-After on the last attempt cannot save it", retryAfter(429, 3600), 5, DEAD),
            new Decides("a 404 is dead at once", dead(404), 1, DEAD),
            new Decides("a delivery that cannot be rendered is dead at once", dead(0), 1, DEAD));

    @ParameterizedTest(name = "{0}")
    @FieldSource("DECISIONS")
    void decidesWhatBecomesOfTheDelivery(Decides row) {
        assertThat(POLICY.decide(row.outcome(), row.attempt(), NOW)).isEqualTo(row.expected());
    }

    /** An answer at NOW holds the destination until {@code expected} (seconds after NOW), or not at all. */
    record Holds(String says, Outcome outcome, Optional<Duration> holdOff, Optional<Integer> expected) {
        @Override
        public String toString() {
            return says;
        }
    }

    static final List<Holds> HOLDS = List.of(
            new Holds("a success holds nothing", delivered(200), Optional.empty(), Optional.empty()),
            new Holds("a 503 without Retry-After holds nothing", retry(503), Optional.empty(), Optional.empty()),
            new Holds("a 429's Retry-After holds the destination", retryAfter(429, 2), Optional.empty(), Optional.of(2)),
            new Holds("no requests left in the window holds it, after a success too", delivered(200), seconds(5),
                    Optional.of(5)),
            new Holds("and after a dead answer", dead(403), seconds(5), Optional.of(5)),
            new Holds("the later of the two holds it", retryAfter(429, 2), seconds(5), Optional.of(5)),
            new Holds("whichever it is", retryAfter(429, 9), seconds(5), Optional.of(9)));

    @ParameterizedTest(name = "{0}")
    @FieldSource("HOLDS")
    void holdsTheDestinationForWhatItAskedFor(Holds row) {
        assertThat(RetryPolicy.holdUntil(row.outcome(), row.holdOff(), NOW))
                .isEqualTo(row.expected().map(seconds -> NOW.plusSeconds(seconds)));
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

    private static Outcome delivered(int status) {
        return new Outcome.Delivered(status);
    }

    private static Outcome retry(int status) {
        return new Outcome.Retry(status, status + " try again", Optional.empty());
    }

    private static Outcome retryAfter(int status, int seconds) {
        return new Outcome.Retry(status, status + " slow down", seconds(seconds));
    }

    private static Outcome dead(int status) {
        return new Outcome.Dead(status, status + " no");
    }

    private static Optional<Duration> seconds(int seconds) {
        return Optional.of(Duration.ofSeconds(seconds));
    }

    private static Decision retryIn(int seconds) {
        return new Decision.RetryAt(NOW.plusSeconds(seconds), Duration.ofSeconds(seconds));
    }
}
