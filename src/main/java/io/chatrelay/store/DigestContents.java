package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import java.time.Instant;
import java.util.List;

/** What a digest delivery carries: its period, how many events it lists at most, and its events, oldest first. */
public record DigestContents(Instant start, Instant end, int maxEvents, List<RawEvent> events) {

    public DigestContents {
        events = List.copyOf(events);
    }
}
