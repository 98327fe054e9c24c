package io.chatrelay.deliver;

import static io.chatrelay.store.StoreKit.claimDue;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.RateLimit;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.RawEvent;
import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.route.Target;
import io.chatrelay.store.Delivery;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.Outbox;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import io.chatrelay.testkit.StoppedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-delivery lines stay within their budget end to end: at most ten a second per destination
 * and outcome, and one summary a minute of what was held back, written by the dispatcher even when
 * no further delivery comes, across a config reload. Real sends to a stand-in destination, a real
 * SQLite outbox, a clock the test moves. The budget's rules in detail: {@link DeliveryLogTest}.
 */
class DeliveryLinesTest {

    private static final String SUMMARY_TAIL = " lines not written one by one (over 10 a second per outcome); "
            + "each delivery's story: events show ID or GET /admin/events/{id}";

    @TempDir
    Path dir;

    private final StoppedClock clock = new StoppedClock();
    private final AtomicInteger events = new AtomicInteger();

    @Test
    void holdsBackDeliveredLinesOverTenASecondAndSummarisesThemOnceAMinute() throws Exception {
        try (Sink crm = Sink.ok(); LogCapture log = new LogCapture(); RelayMetrics metrics = new RelayMetrics()) {
            RelayConfig config = config("busycrm", crm, "busyother", crm);
            try (Store store = Store.open(config.store())) {
                DeliveryLog lines = new DeliveryLog(clock);
                Attempts attempts = attempts(config, store.outbox(), metrics, lines);
                Instant start = clock.instant();

                deliver(attempts, store.outbox(), config, "busycrm", 12);
                assertThat(lines(log, "delivered event=", "destination=busycrm ")).hasSize(10);
                clock.advance(Duration.ofSeconds(1));
                deliver(attempts, store.outbox(), config, "busycrm", 1);
                assertThat(lines(log, "delivered event=", "destination=busycrm ")).as("a new second, a new budget")
                        .hasSize(11);

                lines.summariseDue(start.plus(Duration.ofSeconds(59)));
                assertThat(lines(log, "destination=busycrm in the last")).as("not before the minute is over").isEmpty();
                lines.summariseDue(start.plus(Duration.ofSeconds(60)));
                lines.summariseDue(start.plus(Duration.ofSeconds(61)));

                assertThat(lines(log, "destination=busycrm in the last")).singleElement().asString()
                        .contains(" INFO ")
                        .endsWith("destination=busycrm in the last 60s: 13 delivered, 0 retried, 0 dead, 0 skipped; 2"
                                + SUMMARY_TAIL);
                assertThat(crm.requestCount()).isEqualTo(13);
            }
        }
    }

    @Test
    void summaryComesWithoutAFurtherDeliveryAndCountsAcrossAReload() throws Exception {
        try (Sink crm = Sink.ok(); LogCapture log = new LogCapture(); RelayMetrics metrics = new RelayMetrics()) {
            RelayConfig config = config("loopcrm", crm, "loopother", crm);
            try (Store store = Store.open(config.store())) {
                Outbox outbox = store.outbox();
                enqueue(outbox, "loopcrm", 8);
                Dispatcher dispatcher = new Dispatcher(outbox, config, Senders.real(Duration.ofSeconds(5)), clock, 8,
                        metrics, () -> false);
                try {
                    dispatcher.start();
                    Eventually.holds("the first 8 are delivered",
                            () -> store.history().count(DeliveryStatus.DELIVERED) == 8);
                    dispatcher.reconfigure(config);
                    enqueue(outbox, "loopcrm", 4);
                    dispatcher.wake();
                    Eventually.holds("all 12 are delivered", () -> store.history().count(DeliveryStatus.DELIVERED) == 12);
                    assertThat(lines(log, "delivered event=", "destination=loopcrm ")).as("one budget across the reload")
                            .hasSize(10);

                    clock.advance(Duration.ofSeconds(60));

                    Eventually.holds("the dispatcher writes the summary on its own",
                            () -> !lines(log, "destination=loopcrm in the last").isEmpty());
                    assertThat(lines(log, "destination=loopcrm in the last")).singleElement().asString()
                            .endsWith("destination=loopcrm in the last 60s: 12 delivered, 0 retried, 0 dead, 0 skipped; "
                                    + "2" + SUMMARY_TAIL);
                } finally {
                    dispatcher.stop(Duration.ofSeconds(5));
                }
            }
        }
    }

    private RelayConfig config(String first, Sink firstSink, String second, Sink secondSink) throws Exception {
        return RelayUnderTest.config(dir, """
                destinations:
                  %s: {type: webhook, url: "%s"}
                  %s: {type: webhook, url: "%s"}
                routes: [{name: all, to: [%s, %s]}]
                """.formatted(first, firstSink.url("/" + first), second, secondSink.url("/" + second), first, second));
    }

    private Attempts attempts(RelayConfig config, Outbox outbox, RelayMetrics metrics, DeliveryLog lines) {
        Map<String, Optional<RateLimit>> limits = new HashMap<>();
        config.destinations().keySet().forEach(name -> limits.put(name, Optional.empty()));
        return new Attempts(config, Senders.real(Duration.ofSeconds(5)), outbox,
                new RateLimiter(limits, clock.instant()), clock, metrics, lines);
    }

    private void enqueue(Outbox outbox, String destination, int count) {
        for (int i = 0; i < count; i++) {
            String id = "ev-" + destination + "-" + events.incrementAndGet();
            outbox.enqueue(new RawEvent(id, "chat", id, RelayUnderTest.chat(id, "m"), clock.instant()),
                    List.of(new Target(destination, "all")));
        }
    }

    private void deliver(Attempts attempts, Outbox outbox, RelayConfig config, String destination, int count) {
        enqueue(outbox, destination, count);
        List<Delivery> due = claimDue(outbox, destination, clock.instant(), count, config.lease(destination));
        assertThat(due).hasSize(count);
        due.forEach(delivery -> attempts.run(delivery, () -> { }));
    }

    private static List<String> lines(LogCapture log, String... parts) {
        return log.text().lines().filter(line -> List.of(parts).stream().allMatch(line::contains)).toList();
    }

}
