package io.chatrelay.store;

import java.time.Instant;

/**
 * A delivery as listed by {@code deliveries list} and the admin API. {@code lastStatus},
 * {@code lastReason} and {@code lastAttemptAt} are null before any attempt; {@code nextAttemptAt}
 * is when a pending delivery is due (null once it is delivered or dead); {@code kind} is what it sends
 * (the event, a follow-up, an edit, a notice). Its {@code target} is never read here: it may hold a
 * platform's {@code response_url}.
 */
public record DeliveryView(long id, String eventId, String eventType, String destination, String route,
                           DeliveryStatus status, int attempts, Integer lastStatus, String lastReason,
                           Instant updatedAt, Instant nextAttemptAt, Instant acceptedAt, String conversationId,
                           Instant lastAttemptAt, DeliveryKind kind) {}
