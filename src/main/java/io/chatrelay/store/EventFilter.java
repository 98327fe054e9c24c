package io.chatrelay.store;

import java.time.Instant;

/**
 * Which events to list, newest first: {@link #newest} up to a limit, narrowed by the {@code with}
 * methods. A condition given as null, or not given, matches any event. {@code destination} and
 * {@code status} select events with at least one delivery that has both. {@code before} is a
 * cursor: only events with a smaller id (ids are time-ordered).
 */
public record EventFilter(String type, String destination, DeliveryStatus status, String conversation,
                          Instant since, String before, int limit) {

    /** Any event, at most {@code limit} of them. */
    public static EventFilter newest(int limit) {
        return new EventFilter(null, null, null, null, null, null, limit);
    }

    public EventFilter withType(String value) {
        return new EventFilter(value, destination, status, conversation, since, before, limit);
    }

    public EventFilter withDestination(String value) {
        return new EventFilter(type, value, status, conversation, since, before, limit);
    }

    public EventFilter withStatus(DeliveryStatus value) {
        return new EventFilter(type, destination, value, conversation, since, before, limit);
    }

    public EventFilter withConversation(String value) {
        return new EventFilter(type, destination, status, value, since, before, limit);
    }

    public EventFilter withSince(Instant value) {
        return new EventFilter(type, destination, status, conversation, value, before, limit);
    }

    public EventFilter withBefore(String value) {
        return new EventFilter(type, destination, status, conversation, since, value, limit);
    }
}
