package io.chatrelay.deliver;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter between {@code delivery.backoff.initial} and {@code .max}:
 * after the n-th failed send the wait is uniformly random in {@code [initial, min(max, initial * 2^n)]},
 * so retries of many deliveries spread out instead of arriving together.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait before the next send, after {@code failures} sends have failed (1 or more). */
    Duration delay(int failures) {
        long floor = initial.toMillis();
        long ceiling = floor;
        for (int i = 0; i < failures && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toMillis());
        return Duration.ofMillis(floor + (long) (random.getAsDouble() * (ceiling - floor)));
    }
}
