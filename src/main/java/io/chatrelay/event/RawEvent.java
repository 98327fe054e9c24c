package io.chatrelay.event;

import java.time.Instant;

/**
 * An accepted event as stored: the exact bytes Chat Data sent plus what the relay derived at
 * acceptance. Deliveries are rendered from this, so a retry renders the same message.
 */
public record RawEvent(String id, String type, String conversationId, byte[] body, Instant receivedAt) {}
