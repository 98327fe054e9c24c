package io.chatrelay.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a caller stops waiting for the store, on the caller's clock. A write whose caller has
 * stopped waiting is never committed afterwards: giving up means nothing was stored.
 */
public record Deadline(Instant at, Clock clock) {

    /** {@code within} from now on {@code clock}. */
    public static Deadline in(Duration within, Clock clock) {
        return new Deadline(clock.instant().plus(within), clock);
    }

    /** Time left; zero or negative once the deadline has passed. */
    public Duration left() {
        return Duration.between(clock.instant(), at);
    }
}
