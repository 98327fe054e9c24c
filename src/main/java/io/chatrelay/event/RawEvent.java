package io.chatrelay.event;

import java.time.Instant;

/**
 * An accepted event as stored: the exact bytes Chat Data sent plus what the relay derived at
 * acceptance (its type, conversation and {@link EventFacts facts}). Deliveries are rendered from
 * this, so a retry renders the same message.
 */
public record RawEvent(String id, String type, String conversationId, byte[] body, Instant receivedAt,
                       EventFacts facts) {

    /** An event whose facts are read from its body. */
    public RawEvent(String id, String type, String conversationId, byte[] body, Instant receivedAt) {
        this(id, type, conversationId, body, receivedAt, EventFacts.of(body, type));
    }

    public RawEvent {
        facts = facts == null ? EventFacts.NONE : facts;
    }
}
