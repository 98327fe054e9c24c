package io.chatrelay.store;

import java.time.Instant;

/**
 * Which deliveries to list, newest first: {@link #newest} up to a limit, narrowed by the
 * {@code with} methods. A condition given as null, or not given, matches any delivery.
 * {@code since} compares with the event's acceptance; {@code before} is a cursor: only deliveries
 * with a smaller id, i.e. the page after the one that ended with that id.
 */
public record DeliveryFilter(DeliveryStatus status, String destination, String eventId, String conversation,
                             Instant since, Long before, int limit) {

    /** Any delivery, at most {@code limit} of them. */
    public static DeliveryFilter newest(int limit) {
        return new DeliveryFilter(null, null, null, null, null, null, limit);
    }

    public DeliveryFilter withStatus(DeliveryStatus value) {
        return new DeliveryFilter(value, destination, eventId, conversation, since, before, limit);
    }

    public DeliveryFilter withDestination(String value) {
        return new DeliveryFilter(status, value, eventId, conversation, since, before, limit);
    }

    public DeliveryFilter withEventId(String value) {
        return new DeliveryFilter(status, destination, value, conversation, since, before, limit);
    }

    public DeliveryFilter withConversation(String value) {
        return new DeliveryFilter(status, destination, eventId, value, since, before, limit);
    }

    public DeliveryFilter withSince(Instant value) {
        return new DeliveryFilter(status, destination, eventId, conversation, value, before, limit);
    }

    public DeliveryFilter withBefore(Long value) {
        return new DeliveryFilter(status, destination, eventId, conversation, since, value, limit);
    }
}
