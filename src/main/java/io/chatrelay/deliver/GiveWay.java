package io.chatrelay.deliver;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * How many sends each destination may have in flight, given how ingest is doing. During a burst
 * (acknowledgements queueing behind the store) each destination gets one at a time: a sender
 * waits for its acknowledgement, a delivery can wait in the outbox a little longer. A burst that
 * goes on for {@link #LONGEST_BURST} is no burst but the load: giving way to it any longer would
 * grow the outbox without end, so deliveries get their full concurrency again. A burst ends once
 * nothing has queued for {@link #QUIET}. Used by the dispatcher's loop thread only.
 */
final class GiveWay {

    static final Duration LONGEST_BURST = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofSeconds(2);

    private final BooleanSupplier queueing;
    private Instant burstSince;
    private Instant lastQueueing;

    GiveWay(BooleanSupplier queueing) {
        this.queueing = queueing;
    }

    /** Sends a destination whose limit is {@code concurrency} may have in flight at {@code now}. */
    int sendsAllowed(int concurrency, Instant now) {
        if (!queueing.getAsBoolean()) {
            return concurrency;
        }
        if (burstSince == null || now.isAfter(lastQueueing.plus(QUIET))) {
            burstSince = now;
        }
        lastQueueing = now;
        return now.isBefore(burstSince.plus(LONGEST_BURST)) ? 1 : concurrency;
    }
}
