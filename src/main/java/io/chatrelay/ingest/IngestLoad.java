package io.chatrelay.ingest;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many accepted events are waiting for their commit right now. The dispatcher reads it to give
 * way during a burst: an acknowledgement is what the sender waits for (Chat Data documents no
 * retries), while a delivery can wait in the outbox a little longer.
 */
public final class IngestLoad {

    /** From this many events waiting for their commit at once, ingest is in a burst. */
    static final int BURST = 4;

    private final AtomicInteger committing = new AtomicInteger();

    void committing() {
        committing.incrementAndGet();
    }

    void committed() {
        committing.decrementAndGet();
    }

    /** Whether acknowledgements are queueing up behind the store. */
    public boolean burst() {
        return committing.get() >= BURST;
    }
}
