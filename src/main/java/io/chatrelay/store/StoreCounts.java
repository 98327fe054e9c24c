package io.chatrelay.store;

import io.chatrelay.tasks.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outbox's pending and dead counts for the gauges, and each destination's counts for the
 * console, counted off the request path: a scrape or the console's table reads fields, however
 * large the store, and is not held up by a slow or locked store. Every replica
 * on a shared store counts the same rows, so each reports the store-wide figures, at most about
 * {@link #EVERY} old. One read counts each destination's rows; the gauges' totals are their sums.
 * A count costs in proportion to the pending and dead rows and those delivered in the last hour
 * (indexes cover both), so while a large backlog makes it slow it runs less often: after each count the next waits
 * at least {@link #PAUSE_PER_COUNT} times as long as it took, at most about 1 % of a core.
 * While the store fails, the counts are NaN (no value) until it answers again.
 *
 * <p>Counts kept in a row updated with every delivery were weighed and not chosen: on PostgreSQL
 * every commit of every replica would queue for that one row (or for a few of them, with a risk
 * of deadlocks), and every event would pay another write.
 */
public final class StoreCounts implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(1);
    static final int PAUSE_PER_COUNT = 100;

    /** The console's "delivered" column counts this far back. */
    static final Duration RECENT = Duration.ofHours(1);

    private final History history;
    private final Duration every;
    private final Clock clock;
    private volatile Periodic timer; // null until started
    private volatile double pending = Double.NaN;
    private volatile double dead = Double.NaN;
    private volatile Optional<List<DestinationCounts>> byDestination = Optional.empty();

    StoreCounts(History history, Duration every, Clock clock) {
        this.history = history;
        this.every = every;
        this.clock = clock;
    }

    /** Counts once now, then about every second in the background until closed. */
    public static StoreCounts start(History history, Clock clock) {
        StoreCounts counts = new StoreCounts(history, EVERY, clock);
        Duration first = counts.countAndPause();
        counts.timer = Periodic.start("store-counts", first, EVERY, counts::countAndPause);
        return counts;
    }

    /** Pending deliveries at the last count; NaN if the store did not answer it. */
    public double pending() {
        return pending;
    }

    /** Dead deliveries at the last count; NaN if the store did not answer it. */
    public double dead() {
        return dead;
    }

    /**
     * Each destination's pending and dead deliveries, and those delivered in the last hour, at the
     * last count; empty if the store did not answer it.
     */
    public Optional<List<DestinationCounts>> byDestination() {
        return byDestination;
    }

    /** Counts; returns how long to wait before the next count. */
    private Duration countAndPause() {
        return Duration.ofNanos(Math.max(every.toNanos(), count() * PAUSE_PER_COUNT));
    }

    /** Counts from the store now; returns how long that took, in nanoseconds. */
    long count() {
        long started = System.nanoTime();
        try {
            // one read for both: the totals are the destinations' counts added up
            List<DestinationCounts> counted = List.copyOf(history.countsByDestination(clock.instant().minus(RECENT)));
            pending = counted.stream().mapToLong(DestinationCounts::pending).sum();
            dead = counted.stream().mapToLong(DestinationCounts::dead).sum();
            byDestination = Optional.of(counted);
        } catch (RuntimeException | Error storeDown) { // no stale figure: the gauges say there is none
            pending = Double.NaN;
            dead = Double.NaN;
            byDestination = Optional.empty();
            if (storeDown instanceof Error error) {
                throw error; // the timer logs it and counts again
            }
        }
        return System.nanoTime() - started;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.close();
        }
    }
}
