package io.chatrelay.store;

import java.time.Instant;
import java.util.List;

/**
 * An event as a list shows it: no body (it may hold a visitor's contact details), its deliveries,
 * who it is about and the first words of its message (null when it names nobody, has no message,
 * or was stored before the relay kept them).
 */
public record EventSummary(String id, String type, String conversationId, Instant receivedAt, long sizeBytes,
                           List<DeliveryView> deliveries, String who, String excerpt) {

    public EventSummary {
        deliveries = List.copyOf(deliveries);
    }
}
