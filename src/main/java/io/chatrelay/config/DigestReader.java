package io.chatrelay.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Reads a route's {@code digest} and refuses one that could hold back an escalation. */
final class DigestReader {

    static final String ESCALATION = "live-chat-escalation";

    private DigestReader() {}

    static Optional<DigestConfig> read(Fields route, Map<String, Condition> match) {
        if (!route.has("digest")) {
            route.raw("digest");
            return Optional.empty();
        }
        Fields digest = route.mapping("digest");
        Optional<Duration> every = digest.duration("every");
        if (!digest.has("every")) {
            digest.problem("every", "is required: how long each digest gathers events, from 1m to 24h");
        }
        every.filter(e -> e.compareTo(DigestConfig.MIN_EVERY) < 0 || e.compareTo(DigestConfig.MAX_EVERY) > 0)
                .ifPresent(e -> digest.problem("every", "must be between 1m and 24h, got " + digest.string("every")
                        .orElse("")));
        long maxEvents = digest.number("max_events", DigestConfig.DEFAULT_MAX_EVENTS, DigestConfig.MIN_MAX_EVENTS,
                DigestConfig.MAX_MAX_EVENTS);
        digest.finish();
        if (canMatchEscalation(match)) {
            route.problem("digest", "a digest holds events back, and an escalation is never held back: this route "
                    + (match.containsKey("event") ? "can match " + ESCALATION
                    : "has no match.event condition, so it can match " + ESCALATION)
                    + "; add match.event naming the event types to gather (e.g. [chat, user-online, user-offline])");
        }
        return every.filter(e -> e.compareTo(DigestConfig.MIN_EVERY) >= 0 && e.compareTo(DigestConfig.MAX_EVERY) <= 0)
                .map(e -> new DigestConfig(e, (int) maxEvents));
    }

    /** True unless the route's event condition rules out an escalation (a missing one does not). */
    static boolean canMatchEscalation(Map<String, Condition> match) {
        Condition event = match.get("event");
        return event == null || event.test(ESCALATION);
    }
}
