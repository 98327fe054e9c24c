package io.chatrelay.config;

import java.time.Duration;

/** At most {@code requests} per {@code per} on average, with up to {@code burst} at once (e.g. Slack 1/s, burst 3). */
public record RateLimit(int requests, Duration per, int burst) {

    public RateLimit(int requests, Duration per) {
        this(requests, per, requests);
    }
}
