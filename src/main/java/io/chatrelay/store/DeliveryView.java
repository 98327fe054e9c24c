package io.chatrelay.store;

import java.time.Instant;

/** A delivery as listed by {@code deliveries list} and the admin API. {@code lastStatus} is null before any attempt. */
public record DeliveryView(long id, String eventId, String eventType, String destination, String route,
                           DeliveryStatus status, int attempts, Integer lastStatus, String lastReason,
                           Instant updatedAt, Instant nextAttemptAt) {}
