package io.chatrelay.store;

import java.time.Instant;

/**
 * An operator's action on one of an event's deliveries, as recorded with it: {@code action} is
 * {@code retry}, {@code resend} or {@code replay}; {@code source} is {@code console}, {@code api}
 * or {@code cli}.
 */
public record ActionView(String action, long deliveryId, String source, Instant at) {}
