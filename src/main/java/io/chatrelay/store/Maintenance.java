package io.chatrelay.store;

import java.time.Instant;
import java.util.List;

/**
 * What operators do to the store besides reading it, and how readiness checks ask whether it
 * works: replaying dead deliveries, probing reads, and whether writes succeed.
 */
public interface Maintenance {

    /**
     * Re-queues these dead deliveries with a fresh attempt count; returns how many were dead. A
     * replay starts a new life for the delivery: no write of a claim from before it applies any more.
     * Each replay is recorded in its event's story as coming from {@code source}.
     */
    int replay(List<Long> ids, ActionSource source, Instant now);

    /** Re-queues every dead delivery, as {@link #replay}; returns how many there were. */
    int replayAllDead(Instant now);

    /**
     * Makes a delivery waiting in backoff (pending, due later, not held by a live lease) due now,
     * and records it in its event's story; false, changing nothing, for any other delivery.
     */
    boolean retryNow(long id, ActionSource source, Instant now);

    /**
     * Sends a delivered delivery again: pending, due now, with a fresh attempt count, as a replay
     * does; records it in its event's story. False, changing nothing, unless it was delivered.
     */
    boolean resend(long id, ActionSource source, Instant now);

    /**
     * Replays the dead deliveries the filter lists (its status aside: the newest {@code limit}
     * matching the rest), as {@link #replay}, recording each; returns how many.
     */
    int replayDead(DeliveryFilter filter, ActionSource source, Instant now);

    /**
     * Reads from the store at a cost that does not grow with it (readiness probes); throws
     * {@link StoreUnavailableException} when the store does not answer.
     */
    void probe();

    /**
     * Whether the store took writes when last tried (a full disk, a deleted file say no), and since
     * when it has not. Read from memory: never waits for the store.
     */
    StoreHealth health();

    /**
     * As {@link #health}, found out now: checks the store's file and, while writes fail, tries one.
     * May wait for the store; for background checks only.
     */
    StoreHealth check();
}
