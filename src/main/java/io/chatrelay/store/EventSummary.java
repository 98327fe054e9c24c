package io.chatrelay.store;

import java.time.Instant;
import java.util.List;

/** An event as a list shows it: no body (it may hold a visitor's contact details), its deliveries. */
public record EventSummary(String id, String type, String conversationId, Instant receivedAt, long sizeBytes,
                           List<DeliveryView> deliveries) {

    public EventSummary {
        deliveries = List.copyOf(deliveries);
    }
}
