package io.chatrelay.store;

import io.chatrelay.event.ChatDataEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Events as ingest parsed them, kept in memory for their deliveries' first claims, so that a
 * delivery does not parse the stored body again. Each is kept until as many deliveries as it had
 * targets have taken it, or for {@link #KEEP} at most. Bounded: when {@link #CAPACITY} events are
 * kept, a new one is not, rather than forgetting one that is about to be delivered; its deliveries
 * parse the stored body, as they do after a restart or on another replica. The body is the same,
 * and so is what parsing it gives.
 */
final class RecentEvents {

    /** Events kept at most. */
    static final int CAPACITY = 2_048;
    /** Bodies larger than this are not kept: parsing one again costs little next to sending it. */
    static final int LARGEST_BODY = 16 * 1024;
    /** How long an event is kept at most (its deliveries were claimed elsewhere, or retried). */
    static final Duration KEEP = Duration.ofSeconds(30);

    private static final class Kept {
        final ChatDataEvent event;
        final long at;
        int deliveries;

        Kept(ChatDataEvent event, long at, int deliveries) {
            this.event = event;
            this.at = at;
            this.deliveries = deliveries;
        }
    }

    private final Clock clock;
    private final Map<String, Kept> kept = new LinkedHashMap<>(); // oldest first

    RecentEvents(Clock clock) {
        this.clock = clock;
    }

    /** Keeps the event for its {@code deliveries}, unless it is too large or the memory is full. */
    synchronized void remember(String id, ChatDataEvent event, int deliveries, int bodyBytes) {
        long now = clock.millis();
        for (Iterator<Kept> oldest = kept.values().iterator(); oldest.hasNext(); ) {
            if (now - oldest.next().at < KEEP.toMillis()) {
                break;
            }
            oldest.remove();
        }
        if (deliveries > 0 && bodyBytes <= LARGEST_BODY && kept.size() < CAPACITY) {
            kept.put(id, new Kept(event, now, deliveries));
        }
    }

    /** The event for one of its deliveries; forgotten once each of them has taken it. */
    synchronized Optional<ChatDataEvent> take(String id) {
        Kept found = kept.get(id);
        if (found == null) {
            return Optional.empty();
        }
        if (--found.deliveries <= 0) {
            kept.remove(id);
        }
        return Optional.of(found.event);
    }

    /** Forgets an event whose enqueue failed. */
    synchronized void forget(String id) {
        kept.remove(id);
    }

    synchronized int size() {
        return kept.size();
    }
}
