package io.chatrelay.deliver;

import static io.chatrelay.store.StoreKit.claimDue;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.RawEvent;
import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.route.Target;
import io.chatrelay.store.Delivery;
import io.chatrelay.store.Outbox;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destination that asks the relay to wait is held before the send that was told so frees its
 * place: the dispatcher starts the next send the moment a place frees, so a pause set any later
 * lets one more request through. Real HTTP, a real SQLite store.
 */
class HoldingBackTest {

    @TempDir
    Path dir;

    @Test
    void a429sRetryAfterHoldsTheDestinationBeforeTheSendFreesItsPlace() throws Exception {
        assertThat(pausedWhenThePlaceFrees("delivery: {max_attempts: 5}\n",
                new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build()))
                .as("paused when the next send may start").isTrue();
    }

    @Test
    void a429OnTheLastAttemptStillHoldsTheDestinationForTheOthers() throws Exception {
        assertThat(pausedWhenThePlaceFrees("delivery: {max_attempts: 1}\n",
                new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build()))
                .as("paused, though this delivery is dead").isTrue();
    }

    @Test
    void aSuccessHoldsNothing() throws Exception {
        assertThat(pausedWhenThePlaceFrees("", new MockResponse.Builder().code(200).build())).isFalse();
    }

    /** Sends one delivery answered with {@code answer}; whether its destination was paused when its place freed. */
    private boolean pausedWhenThePlaceFrees(String delivery, MockResponse answer) throws Exception {
        Clock clock = Clock.systemUTC();
        try (Sink crm = Sink.ok(); RelayMetrics metrics = new RelayMetrics()) {
            crm.then(answer);
            RelayConfig config = RelayUnderTest.config(dir, delivery + """
                    destinations: {crm: {type: webhook, url: "%s"}}
                    routes: [{name: all, to: [crm]}]
                    """.formatted(crm.url("/crm")));
            try (Store store = Store.open(config.store())) {
                Outbox outbox = store.outbox();
                outbox.enqueue(new RawEvent("e1", "chat", null, RelayUnderTest.chat("c1", "m1"), clock.instant()),
                        List.of(new Target("crm", "all")));
                Delivery claimed = claimDue(outbox, "crm", clock.instant(), 1, config.lease("crm")).get(0);
                RateLimiter limiter = new RateLimiter(Map.of("crm", Optional.empty()), clock.instant());
                Attempts attempts = new Attempts(config, Senders.real(Duration.ofSeconds(5)), outbox, limiter, clock,
                        metrics, new DeliveryLog(clock));
                AtomicReference<Boolean> paused = new AtomicReference<>();

                attempts.run(claimed, () -> paused.set(limiter.paused("crm", clock.instant())));

                assertThat(crm.requestCount()).isEqualTo(1);
                return paused.get();
            }
        }
    }
}
