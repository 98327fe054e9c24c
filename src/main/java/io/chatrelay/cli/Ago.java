package io.chatrelay.cli;

import java.time.Duration;
import java.time.Instant;

/** A time as a person glancing at a list reads it: "12 s ago", "3 min ago", "5 h ago", "2 d ago". */
final class Ago {

    private Ago() {}

    static String of(Instant then, Instant now) {
        Duration past = Duration.between(then, now);
        if (past.isNegative()) {
            return "just now"; // another machine's clock runs ahead
        }
        if (past.toSeconds() < 60) {
            return past.toSeconds() + " s ago";
        }
        if (past.toMinutes() < 60) {
            return past.toMinutes() + " min ago";
        }
        if (past.toHours() < 48) {
            return past.toHours() + " h ago";
        }
        return past.toDays() + " d ago";
    }
}
