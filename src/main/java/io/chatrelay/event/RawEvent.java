package io.chatrelay.event;

import java.time.Instant;
import java.util.List;

/**
 * An accepted event as stored: the exact bytes Chat Data sent plus what the relay derived at
 * acceptance (its type, conversation and {@link EventFacts facts}). Deliveries are rendered from
 * this, so a retry renders the same message. {@code routing} is what time intervals decided at
 * acceptance, one line per route they had a say in ("route after-hours matched (inside weekend)");
 * empty where no route has intervals.
 */
public record RawEvent(String id, String type, String conversationId, byte[] body, Instant receivedAt,
                       EventFacts facts, List<String> routing) {

    public RawEvent {
        facts = facts == null ? EventFacts.NONE : facts;
        routing = List.copyOf(routing);
    }

    /** An event whose facts are read from its body, and no time interval had a say in. */
    public RawEvent(String id, String type, String conversationId, byte[] body, Instant receivedAt) {
        this(id, type, conversationId, body, receivedAt, EventFacts.of(body, type));
    }

    /** An event no time interval had a say in. */
    public RawEvent(String id, String type, String conversationId, byte[] body, Instant receivedAt,
                    EventFacts facts) {
        this(id, type, conversationId, body, receivedAt, facts, List.of());
    }
}
