package io.chatrelay.event;

import java.time.Instant;
import java.util.List;

/**
 * An accepted event as stored: the exact bytes Chat Data sent plus what the relay derived at
 * acceptance. Deliveries are rendered from this, so a retry renders the same message.
 * {@code routing} is what time intervals decided at acceptance, one line per route they had a say
 * in ("route after-hours matched (inside weekend)"); empty where no route has intervals.
 */
public record RawEvent(String id, String type, String conversationId, byte[] body, Instant receivedAt,
                       List<String> routing) {

    public RawEvent {
        routing = List.copyOf(routing);
    }

    public RawEvent(String id, String type, String conversationId, byte[] body, Instant receivedAt) {
        this(id, type, conversationId, body, receivedAt, List.of());
    }

    /** The same event with what the time intervals decided for it. */
    public RawEvent withRouting(List<String> notes) {
        return new RawEvent(id, type, conversationId, body, receivedAt, notes);
    }
}
