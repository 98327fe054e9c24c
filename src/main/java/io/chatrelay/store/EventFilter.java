package io.chatrelay.store;

import java.time.Instant;

/**
 * Which events to list, newest first. Every field but {@code limit} is optional (null: any);
 * {@code destination} and {@code status} select events with at least one delivery that has both.
 * {@code before} is a cursor: only events with a smaller id (ids are time-ordered).
 */
public record EventFilter(String type, String destination, DeliveryStatus status, String conversation,
                          Instant since, String before, int limit) {

    public static EventFilter newest(int limit) {
        return new EventFilter(null, null, null, null, null, null, limit);
    }
}
