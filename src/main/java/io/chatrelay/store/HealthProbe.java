package io.chatrelay.store;

import io.chatrelay.tasks.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The store's health and readability as a background check last found them, so that {@code /healthz}
 * and {@code /readyz} answer from memory in microseconds whatever the store does: a liveness probe
 * that waited for a store locked by another process (up to SQLite's busy timeout) would have a
 * healthy relay restarted. What writes found is known at once (the store records its own
 * faults); once a second this tries a write while they fail, and reads one row. A read that fails, or one not finished within {@link #STALE_AFTER} (a lock held
 * elsewhere, a server that hangs), makes the store unready until a read succeeds again.
 */
public final class HealthProbe implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(1);
    /** How old the last successful read may be for the store to count as readable. */
    static final Duration STALE_AFTER = Duration.ofSeconds(5);

    private final Maintenance store;
    private final Clock clock;
    private volatile Instant lastRead; // null while the last read failed, or before the first
    private volatile Periodic timer; // null until started

    HealthProbe(Maintenance store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Checks once now, then every second in the background until closed. */
    public static HealthProbe start(Maintenance store, Clock clock) {
        HealthProbe probe = new HealthProbe(store, clock);
        probe.check();
        probe.timer = Periodic.every("store-health", EVERY, EVERY, probe::check);
        return probe;
    }

    /** Whether writes worked when last tried (by an event or by the check), and since when they have not. */
    public StoreHealth health() {
        return store.health();
    }

    /** Whether writes work as far as is known, and a read succeeded within {@link #STALE_AFTER} of {@code now}. */
    public boolean ready(Instant now) {
        Instant read = lastRead;
        return store.health().healthy() && read != null && !read.isBefore(now.minus(STALE_AFTER));
    }

    /** Asks the store; records what it says. A failure is a recorded answer, not an error of the probe. */
    void check() {
        try {
            store.check();
            store.probe();
            lastRead = clock.instant();
        } catch (RuntimeException storeDown) {
            lastRead = null; // the store records its own faults; the next check asks again
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.close();
        }
    }
}
