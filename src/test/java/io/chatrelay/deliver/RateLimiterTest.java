package io.chatrelay.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each destination's token bucket, and the pauses a destination asks for. */
class RateLimiterTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void rateLimiterRefillsAtItsRateUpToTheBurst() {
        RateLimiter limiter = new RateLimiter(Map.of("slack", Optional.of(new RateLimit(1, Duration.ofSeconds(1), 3)),
                "crm", Optional.empty()), NOW);

        assertThat(limiter.available("slack", NOW)).isEqualTo(3);
        limiter.take("slack", 3);
        assertThat(limiter.nextAllowed("slack", NOW)).isEqualTo(NOW.plusSeconds(1));
        assertThat(limiter.available("slack", NOW.plusMillis(999))).isZero();
        assertThat(limiter.available("slack", NOW.plusSeconds(1))).isEqualTo(1);
        assertThat(limiter.available("slack", NOW.plusSeconds(60))).isEqualTo(3);
        assertThat(limiter.available("crm", NOW)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aPauseHoldsADestinationEvenWithTokensLeft() {
        RateLimiter limiter = new RateLimiter(Map.of("discord", Optional.of(new RateLimit(5, Duration.ofSeconds(2)))), NOW);

        limiter.pauseUntil("discord", NOW.plusSeconds(3));
        limiter.pauseUntil("discord", NOW.plusSeconds(1));

        assertThat(limiter.available("discord", NOW.plusSeconds(2))).isZero();
        assertThat(limiter.nextAllowed("discord", NOW)).isEqualTo(NOW.plusSeconds(3));
        assertThat(limiter.available("discord", NOW.plusSeconds(3))).isEqualTo(5);
    }
}
