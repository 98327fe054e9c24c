package io.chatrelay.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until the test moves it (unlike {@link ManualClock}, which runs on). */
public final class StoppedClock extends UtcClock {

    private final AtomicReference<Instant> now;

    /** Stopped at the start of the current second. */
    public StoppedClock() {
        this(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Stopped at {@code at} (ISO-8601, e.g. {@code 2026-11-24T12:00:00Z}). */
    public StoppedClock(String at) {
        this(Instant.parse(at));
    }

    private StoppedClock(Instant at) {
        this.now = new AtomicReference<>(at);
    }

    public void advance(Duration by) {
        now.updateAndGet(at -> at.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
