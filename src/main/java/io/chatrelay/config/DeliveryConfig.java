package io.chatrelay.config;

import java.time.Duration;

/** How deliveries are attempted: per-request timeout, attempts before a delivery goes dead, backoff bounds. */
public record DeliveryConfig(Duration timeout, int maxAttempts, Duration backoffInitial, Duration backoffMax) {

    public static final DeliveryConfig DEFAULTS =
            new DeliveryConfig(Duration.ofSeconds(10), 12, Duration.ofSeconds(1), Duration.ofMinutes(10));
}
