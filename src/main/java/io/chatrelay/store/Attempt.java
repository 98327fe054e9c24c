package io.chatrelay.store;

import java.time.Duration;
import java.time.Instant;

/**
 * What one send did: when, the answer's status (HTTP, or the SMTP reply code for email; 0 when no
 * answer came), a short reason, how long it took, and the start of the answer (already masked and
 * bounded; null when nothing was answered).
 */
public record Attempt(Instant at, int status, String reason, Duration took, String answer) {

    public Attempt(Instant at, int status, String reason, Duration took) {
        this(at, status, reason, took, null);
    }
}
