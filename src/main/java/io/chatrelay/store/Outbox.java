package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The queue of accepted events waiting to be delivered, kept durably: what ingest puts in and the
 * dispatcher takes out. {@link #enqueue} is all-or-nothing: the event and every delivery are
 * committed, or nothing is and it throws {@link StoreUnavailableException}. What people read of it
 * is {@link History}; what operators do to it is {@link Maintenance}.
 *
 * <p>Every write about a claimed delivery ({@link #delivered}, {@link #retryAt}, {@link #dead},
 * {@link #release}) is fenced by its claim: it applies only while the claim that handed the delivery
 * out is still its latest, and ends that claim. One that comes too late (the lease ran out and
 * another replica claimed the delivery, it was replayed, or it was given back or settled already)
 * changes nothing, records no attempt, and returns false. Outcomes wait for the store until their
 * {@link Deadline}; when it passes they throw {@link StoreUnavailableException} and nothing was
 * stored (unless the commit was already under way: then they wait for it).
 */
public interface Outbox {

    /** Commits the event and one pending delivery per target before returning. */
    void enqueue(RawEvent event, List<Target> targets);

    /** What {@link #enqueueOnce} did: stored a new event, or found an earlier one with the same digest. */
    record Enqueued(String eventId, boolean duplicate) {}

    /**
     * As {@link #enqueue}, unless an event with the same {@code digest} (of its topic and exact
     * bytes) was accepted after {@code seenAfter}: then nothing is stored, one more copy is counted
     * on that first event, and its id is returned. The check and the enqueue are one atomic
     * statement in the enqueue's transaction, so replicas on one store receiving the same body at
     * once store it once. A digest seen at or before {@code seenAfter} is forgotten: the body is a
     * new event.
     */
    Enqueued enqueueOnce(RawEvent event, List<Target> targets, String digest, Instant seenAfter);

    /** A claim's deliveries and, when they are fewer than asked for, when the next could be claimed. */
    record Claim(List<Delivery> deliveries, Optional<Instant> nextDue) {}

    /**
     * Up to {@code max} due deliveries of one destination, leased to this process for {@code lease}
     * so that nobody else sends them meanwhile, and when they are fewer than {@code max}, when the
     * next delivery of that destination could be claimed; in one transaction. Only the oldest
     * pending delivery of each conversation is ever due, so a conversation's messages go out in
     * the order they were accepted.
     */
    Claim claim(String destination, Instant now, int max, Duration lease);

    /** Records a successful attempt; false if the claim was no longer this one's. */
    default boolean delivered(Delivery delivery, Attempt attempt, Deadline deadline) {
        return delivered(delivery, attempt, Optional.empty(), deadline);
    }

    /**
     * Records a successful attempt, and the platform's reference of the message it posted (to edit
     * it later), in the same fenced write; false if the claim was no longer this one's.
     */
    default boolean delivered(Delivery delivery, Attempt attempt, Optional<String> posted, Deadline deadline) {
        return delivered(delivery, attempt, posted, List.of(), deadline);
    }

    /**
     * As above, and queues {@code then} (notices about this delivery, such as a ✅ on the agent's
     * message a reply came from) in the same fenced write: only if the outcome is recorded.
     */
    boolean delivered(Delivery delivery, Attempt attempt, Optional<String> posted, List<Claims.Queued> then,
                      Deadline deadline);

    /**
     * Settles the delivery without sending it ({@link DeliveryStatus#SKIPPED}): the attempt's reason
     * says why (a follow-up whose escalation was taken). False if the claim was lost.
     */
    boolean skipped(Delivery delivery, Attempt attempt, Deadline deadline);

    /** Records a failed attempt; the delivery becomes due again at {@code next}. False if the claim was lost. */
    boolean retryAt(Delivery delivery, Instant next, Attempt attempt, Deadline deadline);

    /** Records the final failed attempt; the delivery stays as a dead letter until replayed or pruned. */
    default boolean dead(Delivery delivery, Attempt attempt, Deadline deadline) {
        return dead(delivery, attempt, List.of(), deadline);
    }

    /** As above, and queues {@code then} (notices saying why) in the same fenced write. */
    boolean dead(Delivery delivery, Attempt attempt, List<Claims.Queued> then, Deadline deadline);

    /** Gives a claimed delivery back without counting an attempt (shutdown); false if the claim was lost. */
    boolean release(Delivery delivery);

    /** The period and events of a digest's delivery ({@link Delivery#isDigest()}), fixed since its first claim. */
    DigestContents digest(Delivery delivery);

    /**
     * Deletes deliveries delivered before {@code before}, events left with no delivery, and digests
     * of bodies first seen before it: the queue's retention, which the dispatcher runs in the
     * background.
     */
    int pruneDelivered(Instant before);

    /** Threads, live replicas and pauses, kept in the same store. */
    SharedState shared();

    /** Escalations' claims, and what their deliveries need to know of them. */
    Claims claims();

    /** Agents' replies on their way into visitors' conversations. */
    Replies replies();
}
