package io.chatrelay.deliver;

import io.chatrelay.config.DeliveryConfig;
import io.chatrelay.platform.Outcome;
import io.chatrelay.platform.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * What an attempt's outcome means for its delivery, decided here and nowhere else: delivered; tried
 * again after the backoff, or after the destination's own Retry-After when that is longer, while
 * attempts are left ({@code delivery.max_attempts}); dead otherwise. And how long the destination
 * itself is held after an answer, whatever becomes of the delivery. Pure: no clock, no store, no
 * I/O; the backoff's jitter is its only chance.
 */
record RetryPolicy(int maxAttempts, Backoff backoff) {

    /** The policy of {@code delivery}'s settings, with the backoff's jitter drawn from {@code random} (in [0, 1)). */
    static RetryPolicy of(DeliveryConfig delivery, DoubleSupplier random) {
        return new RetryPolicy(delivery.maxAttempts(),
                new Backoff(delivery.backoffInitial(), delivery.backoffMax(), random));
    }

    /** What becomes of a delivery. */
    sealed interface Decision {

        /** It is done. */
        record Delivered() implements Decision {}

        /** It is due again at {@code at}, {@code after} the attempt's outcome. */
        record RetryAt(Instant at, Duration after) implements Decision {}

        /** It is given up: the outcome was dead, or it was the last attempt. */
        record Dead() implements Decision {}
    }

    /** What becomes of a delivery whose {@code attempt}-th attempt (1 for the first) came to {@code outcome} at {@code now}. */
    Decision decide(Outcome outcome, int attempt, Instant now) {
        if (outcome instanceof Outcome.Delivered) {
            return new Decision.Delivered();
        }
        if (outcome instanceof Outcome.Retry retry && attempt < maxAttempts) {
            Duration wait = backoff.delay(attempt);
            if (retry.notBefore().isPresent() && retry.notBefore().get().compareTo(wait) > 0) {
                wait = retry.notBefore().get(); // the destination's own pause is in force already (holdUntil)
            }
            return new Decision.RetryAt(now.plus(wait), wait);
        }
        return new Decision.Dead();
    }

    /**
     * Until when the destination is held after an answer at {@code now}, if at all: the later of
     * what its platform reads from any answer ({@code holdOff}: no requests left in its window) and
     * a retried answer's Retry-After. It holds the destination whether or not this delivery has an
     * attempt left.
     */
    static Optional<Instant> holdUntil(Outcome outcome, Optional<Duration> holdOff, Instant now) {
        Optional<Duration> asked = outcome instanceof Outcome.Retry retry ? retry.notBefore() : Optional.empty();
        return RetryAfter.longest(holdOff, asked).map(now::plus);
    }
}
