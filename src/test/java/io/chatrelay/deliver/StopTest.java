package io.chatrelay.deliver;

import static io.chatrelay.store.StoreKit.claimDue;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.Ids;
import io.chatrelay.event.RawEvent;
import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.route.Target;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.Outbox;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.UtcClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the dispatcher hands back everything it claimed but did not send. */
class StopTest {

    @TempDir
    Path dir;

    @Test
    void stoppingWhileTheLoopIsClaimingLeavesNoDeliveryHeldByALease() throws Exception {
        PausableClock clock = new PausableClock();
        try (MockWebServer crm = new MockWebServer()) {
            crm.start(0);
            for (int i = 0; i < 3; i++) {
                crm.enqueue(new MockResponse.Builder().code(200).body("ok").build());
            }
            RelayConfig config = RelayUnderTest.config(dir, """
                    destinations: {crm: {type: webhook, url: "%s"}}
                    routes: [{name: all, to: [crm]}]
                    """.formatted(crm.url("/crm")));
            try (Store store = Store.open(config.store())) {
                Outbox outbox = store.outbox();
                Dispatcher dispatcher = new Dispatcher(outbox, config, Senders.real(Duration.ofSeconds(5)), clock, 8,
                        new RelayMetrics(), () -> false);
                dispatcher.start();
                clock.pauseTheDispatchLoop();
                for (int i = 0; i < 3; i++) {
                    String id = Ids.newId(Clock.systemUTC());
                    outbox.enqueue(new RawEvent(id, "chat", "c" + i, RelayUnderTest.chat("c" + i, "m"), Instant.now()),
                            List.of(new Target("crm", "all")));
                }
                dispatcher.wake();
                assertThat(clock.loopPaused.await(5, TimeUnit.SECONDS)).as("the loop is about to claim").isTrue();

                Thread stopper = new Thread(() -> dispatcher.stop(Duration.ofSeconds(5)), "stopper");
                stopper.start();
                Eventually.holds("stop is waiting for the loop", () -> stopper.getState() == Thread.State.TIMED_WAITING);
                clock.resume.countDown();
                stopper.join(15_000);

                assertThat(stopper.isAlive()).as("stop returned").isFalse();
                long delivered = store.history().count(DeliveryStatus.DELIVERED);
                assertThat(claimDue(outbox, "crm", Instant.now(), 10, Duration.ofSeconds(30)))
                        .as("every delivery not sent before the stop can be claimed again at once")
                        .hasSize((int) (3 - delivered));
            }
        }
    }

    /** The system clock, except that the dispatch loop can be held at its next reading. */
    private static final class PausableClock extends UtcClock {
        final CountDownLatch loopPaused = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        private final AtomicBoolean armed = new AtomicBoolean();

        void pauseTheDispatchLoop() {
            armed.set(true);
        }

        @Override
        public Instant instant() {
            if (Thread.currentThread().getName().startsWith("relay-dispatch") && armed.compareAndSet(true, false)) {
                loopPaused.countDown();
                try {
                    resume.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Instant.now();
        }
    }
}
