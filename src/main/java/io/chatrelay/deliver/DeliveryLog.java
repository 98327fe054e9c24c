package io.chatrelay.deliver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the per-delivery lines (delivered, retry, dead, skipped) within a budget: each destination
 * writes up to {@link #LINES_A_SECOND} lines of each outcome in any one second, so that at a few
 * events a second every line is there and at thousands a second the log costs next to nothing. A
 * line over the budget is not formatted at all, only counted; for a destination that had any held
 * back, one summary line a minute says how many deliveries of each outcome there were. Shared by
 * every config the dispatcher runs under, so a reload loses no count.
 */
final class DeliveryLog {

    /** Lines of one outcome one destination may write in any one second. */
    static final int LINES_A_SECOND = 10;
    /** How often a destination that had lines held back gets its summary. */
    static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);
    /** The same logger as the lines it stands in for. */
    private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);

    /** The outcomes that have a line each, in the summary's order. */
    enum Settled { DELIVERED, RETRIED, DEAD, SKIPPED }

    private final Clock clock;
    private final Map<String, Tally> destinations = new ConcurrentHashMap<>();

    DeliveryLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts one settled delivery; true if its line may be written now, false if it is held back
     * (then the caller builds no line at all). Writes the destination's summary first if its minute
     * has ended and the dispatcher has not written it yet.
     */
    boolean admits(String destination, Settled outcome) {
        Instant now = clock.instant();
        Tally tally = destinations.computeIfAbsent(destination, name -> new Tally());
        summarise(destination, tally, now, false);
        return tally.admit(outcome, now);
    }

    /** Writes the summary of every destination whose minute had lines held back and has ended by {@code now}. */
    void summariseDue(Instant now) {
        summarise(now, false);
    }

    /** Writes the summary of every destination that had lines held back in its minute so far: at a stop. */
    void summariseAll() {
        summarise(clock.instant(), true);
    }

    private void summarise(Instant now, boolean early) {
        destinations.forEach((destination, tally) -> summarise(destination, tally, now, early));
    }

    /** Ends the destination's minute if it has passed (or {@code early}), writing its summary if it has one. */
    private static void summarise(String destination, Tally tally, Instant now, boolean early) {
        Summary ended = tally.end(now, early);
        if (ended != null) {
            ended.write(destination);
        }
    }

    /** What one destination's minute came to: deliveries and lines held back per outcome, by ordinal. */
    private record Summary(long seconds, long[] counted, long[] held) {

        void write(String destination) {
            long heldBack = 0;
            for (long h : held) {
                heldBack += h;
            }
            boolean failures = held[Settled.RETRIED.ordinal()] + held[Settled.DEAD.ordinal()] > 0;
            String format = "destination={} in the last {}s: {} delivered, {} retried, {} dead, {} skipped; {} lines "
                    + "not written one by one (over {} a second per outcome); each delivery's story: events show ID "
                    + "or GET /admin/events/{id}";
            Object[] values = {destination, seconds, counted[0], counted[1], counted[2], counted[3], heldBack,
                    LINES_A_SECOND};
            if (failures) {
                LOG.warn(format, values);
            } else {
                LOG.info(format, values);
            }
        }
    }

    /** One destination's minute: since when, how many of each outcome, and this second's lines. */
    private static final class Tally {

        private static final int OUTCOMES = Settled.values().length;

        private Instant since;
        private final long[] counted = new long[OUTCOMES];
        private final long[] held = new long[OUTCOMES];
        private final long[] second = new long[OUTCOMES];
        private final int[] written = new int[OUTCOMES];

        synchronized boolean admit(Settled outcome, Instant now) {
            int i = outcome.ordinal();
            if (since == null) {
                since = now;
            }
            counted[i]++;
            if (second[i] != now.getEpochSecond()) {
                second[i] = now.getEpochSecond();
                written[i] = 0;
            }
            if (written[i] < LINES_A_SECOND) {
                written[i]++;
                return true;
            }
            held[i]++;
            return false;
        }

        /**
         * Ends the minute if it has passed (or {@code early}): its summary if it held any line back,
         * else null.
         */
        synchronized Summary end(Instant now, boolean early) {
            if (since == null || !early && now.isBefore(since.plus(SUMMARY_EVERY))) {
                return null;
            }
            Summary summary = null;
            for (long h : held) {
                if (h > 0) {
                    summary = new Summary(Duration.between(since, now).toSeconds(), counted.clone(), held.clone());
                    break;
                }
            }
            since = null;
            Arrays.fill(counted, 0);
            Arrays.fill(held, 0);
            return summary;
        }
    }
}
