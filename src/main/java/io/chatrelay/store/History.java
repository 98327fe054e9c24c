package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The read side of the outbox: what happened to events and deliveries, for people asking "where
 * is it?" (the admin API, the console, the command line) and for the gauges. It changes nothing.
 */
public interface History {

    /** Deliveries matching the filter, newest first, with their events' acceptance time and conversation. */
    List<DeliveryView> find(DeliveryFilter filter);

    Optional<DeliveryView> delivery(long id);

    /** Every recorded send of a delivery, oldest first, across replays. */
    List<AttemptView> attempts(long deliveryId);

    /** The event as accepted, exact bytes included. */
    Optional<RawEvent> event(String id);

    /**
     * How many times the event's exact body arrived: 1, plus the copies answered as duplicates
     * within {@code chat_data.dedupe_window}; 0 if there is no such event.
     */
    long copies(String eventId);

    /** The ids of the digest deliveries that carry the event (one, unless it was replayed into none), oldest first. */
    List<Long> digestDeliveries(String eventId);

    /** Who took the escalation, if it is one and anybody did. */
    Optional<Claims.Claim> claim(String eventId);

    /** What operators did to the event's deliveries (retry now, resend, replay), oldest first. */
    List<ActionView> actions(String eventId);

    /** Events matching the filter, newest first, each with its deliveries. */
    List<EventSummary> events(EventFilter filter);

    /** Per destination that has any: pending, dead, and delivered at or after {@code deliveredSince}. */
    List<DestinationCounts> countsByDestination(Instant deliveredSince);

    /** Deliveries waiting or in flight for one destination. */
    long countPending(String destination);

    /** Deliveries in this state, for gauges. */
    long count(DeliveryStatus status);
}
