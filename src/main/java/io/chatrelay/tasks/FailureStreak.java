package io.chatrelay.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a loop says about its own failures (the dispatch loop, a {@link Periodic} task), so that a
 * store down for an hour costs a handful of log lines, not one a second: the first failure, a
 * reminder at most every {@link #REMIND_EVERY} while they go on, and one line when the loop works
 * again. Used by one thread at a time.
 */
public final class FailureStreak {

    public static final Duration REMIND_EVERY = Duration.ofMinutes(1);

    private final Clock clock;
    private int failures;
    private Instant since;
    private Instant lastSaid;

    public FailureStreak(Clock clock) {
        this.clock = clock;
    }

    /** A pass of the loop failed; returns the line to log, if this one is worth a line. */
    public Optional<String> failed(String description) {
        Instant now = clock.instant();
        failures++;
        if (failures == 1) {
            since = now;
            lastSaid = now;
            return Optional.of(description);
        }
        if (Duration.between(lastSaid, now).compareTo(REMIND_EVERY) < 0) {
            return Optional.empty();
        }
        lastSaid = now;
        return Optional.of("still failing, " + failures + " times since " + since + ": " + description);
    }

    /** A pass of the loop worked; returns the line to log if it had been failing. */
    public Optional<String> worked() {
        if (failures == 0) {
            return Optional.empty();
        }
        String line = "works again after " + failures + (failures == 1 ? " failure" : " failures") + " since " + since;
        failures = 0;
        return Optional.of(line);
    }
}
