package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accepted events waiting to be delivered. {@link #enqueue} is all-or-nothing: the event and every
 * delivery are kept, or none is and it throws {@link StoreUnavailableException}.
 */
public interface Outbox extends AutoCloseable {

    /** Keeps the event and one pending delivery per target; returns the delivery ids. */
    List<String> enqueue(RawEvent event, List<Target> targets);

    /** Up to {@code max} deliveries due at {@code now}, each handed to exactly one caller until it is settled. */
    List<Delivery> claimDue(Instant now, int max);

    void delivered(Delivery delivery, Attempt attempt);

    void retryAt(Delivery delivery, Instant next, Attempt attempt);

    void dead(Delivery delivery, Attempt attempt);

    /** When the earliest waiting delivery becomes due, if any is waiting. */
    Optional<Instant> nextDue();

    @Override
    void close();
}
