package io.chatrelay.platform;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the relay knows of an escalation when it renders one of its messages, so that a formatter
 * shows it as things stand: who took it ({@code taken}), when the visitor left, the link to take it
 * on the relay's own page ({@code claimLink}, when {@code server.public_url} is set), and for a
 * follow-up how long it has gone untaken ({@code notTakenAfter}). {@link #NONE} for every other event.
 */
public record EscalationState(Optional<Taken> taken, Optional<Instant> visitorLeft, Optional<URI> claimLink,
                              Optional<Duration> notTakenAfter) {

    /**
     * Who took the escalation ({@code by}: the name shown), when, through which destination, and the
     * taker's own id on the platform they took it on ({@code byId}: to tell them apart from a late presser).
     */
    public record Taken(String by, Instant at, String via, String byId) {

        public Taken(String by, Instant at, String via) {
            this(by, at, via, "");
        }
    }

    public static final EscalationState NONE = new EscalationState(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /** Whether a take button or link still belongs on the message. */
    public boolean takeable() {
        return taken.isEmpty() && visitorLeft.isEmpty();
    }

    /** "🙋 Taken by Ana at 14:02 UTC", "👋 Visitor left at 14:09 UTC", "⏰ Not taken after 5 min": the lines a message gains. */
    public java.util.List<String> statusLines() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        notTakenAfter.filter(after -> taken.isEmpty()).ifPresent(after -> lines.add("⏰ Not taken after "
                + human(after)));
        taken.ifPresent(t -> lines.add("🙋 Taken by " + t.by() + " at " + clock(t.at())));
        visitorLeft.ifPresent(at -> lines.add("👋 Visitor left at " + clock(at)));
        return lines;
    }

    /** "14:02 UTC". */
    public static String clock(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC)
                .format(at);
    }

    /** "5 min", "90 s", "2 h". */
    public static String human(Duration after) {
        long seconds = after.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
