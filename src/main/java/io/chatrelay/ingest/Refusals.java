package io.chatrelay.ingest;

import io.chatrelay.log.LogBudget;
import io.chatrelay.log.LogSafe;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests the front door refused, so that the first failure (a wrong or rotated signing
 * secret, most likely) leaves a trace: the last {@value #KEPT} kept in memory for the console's
 * Refused view, none of their bodies, and a WARN line per reason at most once a minute with the
 * count since the last one. A line has the remote address and what was wrong, never the body, the
 * signature or a secret. Refusals that are not the sender's doing ({@code shutting_down},
 * {@code unavailable}: the relay's own state, with lines of their own) are kept but not logged here.
 */
public final class Refusals {

    /** How many refused requests are kept; older ones are forgotten. */
    public static final int KEPT = 300;
    /** Kept, but logged elsewhere (or not at all): the relay's state, not what the sender sent. */
    private static final Set<String> QUIET = Set.of("shutting_down", "unavailable");
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    /**
     * One refused request: when, from where, why ({@code reason} as counted in
     * {@code chatrelay_requests_rejected_total}), the status answered, the body's size in bytes when
     * known, and its {@code x-chat-data-topic} header, escaped and cut as in a log line.
     */
    public record Refusal(Instant at, String address, String reason, int status, OptionalLong sizeBytes,
                          String topic) {}

    private final Clock clock;
    private final LogBudget logBudget;
    private final ArrayDeque<Refusal> kept = new ArrayDeque<>(KEPT);

    public Refusals(Clock clock) {
        this.clock = clock;
        this.logBudget = new LogBudget(clock);
    }

    /**
     * Keeps the refusal and logs it within the budget. {@code why} is the relay's own words (what was
     * wrong, and for signatures how many secrets were tried), never a value from the request.
     */
    public void refused(String reason, int status, String address, OptionalLong sizeBytes, String topic, String why) {
        Refusal refusal = new Refusal(clock.instant(), LogSafe.value(address), reason, status, sizeBytes,
                topic == null ? null : LogSafe.value(topic));
        synchronized (kept) {
            if (kept.size() == KEPT) {
                kept.removeLast();
            }
            kept.addFirst(refusal);
        }
        if (!QUIET.contains(reason)) {
            logBudget.write("refused " + reason, note -> LOG.warn("refused a request from {}: {} (HTTP {}, reason {}){}",
                    refusal.address(), LogSafe.value(why), status, reason, note));
        }
    }

    /** The refused requests kept, newest first. */
    public List<Refusal> newestFirst() {
        synchronized (kept) {
            return new ArrayList<>(kept);
        }
    }
}
