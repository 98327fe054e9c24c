package io.chatrelay.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the store takes writes: healthy, or failing since a moment for a reason (a full disk, a
 * store file deleted under the relay). The reason is for logs, never for an HTTP answer.
 */
public record StoreHealth(Optional<Instant> failingSince, String reason) {

    public static final StoreHealth HEALTHY = new StoreHealth(Optional.empty(), "");

    public boolean healthy() {
        return failingSince.isEmpty();
    }

    /** How long it has been failing at {@code now}; zero while healthy. */
    public Duration failingFor(Instant now) {
        return failingSince.map(since -> Duration.between(since, now)).orElse(Duration.ZERO);
    }
}
