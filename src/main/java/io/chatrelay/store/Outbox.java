package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accepted events waiting to be delivered, kept durably. {@link #enqueue} is all-or-nothing: the
 * event and every delivery are committed, or nothing is and it throws {@link StoreUnavailableException}.
 *
 * <p>Every write about a claimed delivery ({@link #delivered}, {@link #retryAt}, {@link #dead},
 * {@link #release}) is fenced by its claim: it applies only while the claim that handed the delivery
 * out is still its latest, and ends that claim. One that comes too late (the lease ran out and
 * another replica claimed the delivery, it was replayed, or it was given back or settled already)
 * changes nothing, records no attempt, and returns false. Outcomes wait for the store until their
 * {@link Deadline}; when it passes they throw {@link StoreUnavailableException} and nothing was
 * stored (unless the commit was already under way: then they wait for it).
 */
public interface Outbox extends AutoCloseable {

    /** Commits the event and one pending delivery per target before returning. */
    void enqueue(RawEvent event, List<Target> targets);

    /**
     * Up to {@code max} due deliveries of one destination, leased to this process for {@code lease}
     * so that nobody else sends them meanwhile. Only the oldest pending delivery of each
     * conversation is ever due, so a conversation's messages go out in the order they were accepted.
     */
    List<Delivery> claimDue(String destination, Instant now, int max, Duration lease);

    /** A claim's deliveries and, when they are fewer than asked for, when the next could be claimed. */
    record Claim(List<Delivery> deliveries, Optional<Instant> nextDue) {}

    /**
     * {@link #claimDue}, and when it found fewer than {@code max} also {@link #nextDue}: what the
     * dispatcher asks on each pass, in one transaction.
     */
    Claim claim(String destination, Instant now, int max, Duration lease);

    /** Records a successful attempt; false if the claim was no longer this one's. */
    boolean delivered(Delivery delivery, Attempt attempt, Deadline deadline);

    /** Records a failed attempt; the delivery becomes due again at {@code next}. False if the claim was lost. */
    boolean retryAt(Delivery delivery, Instant next, Attempt attempt, Deadline deadline);

    /** Records the final failed attempt; the delivery stays as a dead letter until replayed or pruned. */
    boolean dead(Delivery delivery, Attempt attempt, Deadline deadline);

    /** Gives a claimed delivery back without counting an attempt (shutdown); false if the claim was lost. */
    boolean release(Delivery delivery);

    /** When the next delivery of this destination that could be claimed becomes due. */
    Optional<Instant> nextDue(String destination);

    List<DeliveryView> list(Optional<DeliveryStatus> status, int limit);

    /** Deliveries matching the filter, newest first, with their events' acceptance time and conversation. */
    List<DeliveryView> find(DeliveryFilter filter);

    Optional<DeliveryView> delivery(long id);

    /** Every recorded send of a delivery, oldest first, across replays. */
    List<AttemptView> attempts(long deliveryId);

    /** The event as accepted, exact bytes included. */
    Optional<RawEvent> event(String id);

    /** Events matching the filter, newest first, each with its deliveries. */
    List<EventSummary> events(EventFilter filter);

    /** Per destination that has any: pending, dead, and delivered at or after {@code deliveredSince}. */
    List<DestinationCounts> countsByDestination(Instant deliveredSince);

    /**
     * Re-queues these dead deliveries with a fresh attempt count; returns how many were dead. A
     * replay starts a new life for the delivery: no write of a claim from before it applies any more.
     */
    int replay(List<Long> ids, Instant now);

    int replayAllDead(Instant now);

    /** Deletes deliveries delivered before {@code before}, and events left with no delivery. */
    int pruneDelivered(Instant before);

    /** Threads, live replicas and pauses, kept in the same store. */
    SharedState shared();

    /** Deliveries waiting or in flight for one destination. */
    long countPending(String destination);

    /** Pending and dead deliveries, for gauges. */
    long count(DeliveryStatus status);

    /**
     * Reads from the store at a cost that does not grow with it (readiness probes); throws
     * {@link StoreUnavailableException} when the store does not answer.
     */
    void probe();

    /**
     * Whether the store takes writes (a full disk, a deleted file say no), and since when it has
     * not. Checks the store's file and, while writes fail, tries one.
     */
    StoreHealth health();

    @Override
    void close();
}
