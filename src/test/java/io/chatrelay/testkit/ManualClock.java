package io.chatrelay.testkit;

import java.time.Duration;
import java.time.Instant;

/** The system clock, moved forward by a test: time that must pass without a test waiting for it. */
public final class ManualClock extends UtcClock {

    private volatile Duration ahead = Duration.ZERO;

    /** Sets the clock to {@code instant} (ISO-8601, e.g. {@code 2026-10-26T08:30:00Z}); it runs on from there. */
    public void set(String instant) {
        ahead = Duration.between(Instant.now(), Instant.parse(instant));
    }

    public void advance(Duration by) {
        ahead = ahead.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }
}
