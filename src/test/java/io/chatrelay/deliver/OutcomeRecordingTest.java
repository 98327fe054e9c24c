package io.chatrelay.deliver;

import static io.chatrelay.store.StoreKit.claimDue;
import static io.chatrelay.store.StoreKit.list;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording an outcome after a send: a store that hangs holds the sender no longer than the lease's
 * margin in all (on the dispatcher's clock), and what it gave up on is not stored behind its back.
 * The hang is real: a second connection holds the SQLite file's write lock.
 */
class OutcomeRecordingTest {

    @TempDir
    Path dir;

    @Test
    void aStoreThatHangsHoldsAnOutcomeNoLongerThanTheLeaseMarginInAllAndStoresNothingLater() throws Exception {
        StoppedClock clock = new StoppedClock();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (Sink crm = Sink.ok(); LogCapture log = new LogCapture(); RelayMetrics metrics = new RelayMetrics()) {
            RelayConfig config = RelayUnderTest.config(dir, """
                    destinations: {crm: {type: webhook, url: "%s", timeout: 1s}}
                    routes: [{name: all, to: [crm]}]
                    """.formatted(crm.url("/crm")));
            try (Store store = Store.open(config.store());
                 Connection other = DriverManager.getConnection(config.store().url());
                 Statement otherSql = other.createStatement()) {
                Outbox outbox = store.outbox();
                outbox.enqueue(new RawEvent("e1", "chat", null, RelayUnderTest.chat("c1", "m1"), clock.instant()),
                        List.of(new Target("crm", "all")));
                Delivery delivery = claimDue(outbox, "crm", clock.instant(), 1, config.lease("crm")).get(0);
                Attempts attempts = new Attempts(config, Senders.real(Duration.ofSeconds(5)), outbox,
                        new RateLimiter(Map.of("crm", Optional.empty()), clock.instant()), clock, metrics, new DeliveryLog(clock));
                otherSql.execute("BEGIN EXCLUSIVE"); // the store now hangs every write

                CompletableFuture<Void> attempt = CompletableFuture.runAsync(() -> attempts.run(delivery, () -> { }), sender);
                crm.take();
                Eventually.holds("the sender gives up once the margin has passed on its clock", Duration.ofSeconds(5),
                        () -> {
                            clock.advance(Duration.ofSeconds(1));
                            return attempt.isDone();
                        });

                assertThat(attempt).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                        .withMessageContaining("nothing was stored");
                otherSql.execute("ROLLBACK");
                assertThat(outbox.release(delivery)).as("given back: its outcome never reached the store").isTrue();
                assertThat(list(store.history(), Optional.empty(), 10)).singleElement().satisfies(view -> {
                    assertThat(view.status()).isEqualTo(DeliveryStatus.PENDING);
                    assertThat(view.attempts()).isZero();
                });
                assertThat(log.text()).doesNotContain("delivered event=e1");
            }
        } finally {
            sender.shutdownNow();
        }
    }

    @Test
    void anOutcomeWhoseClaimHasEndedIsDroppedWithOneWarningAndCountsNoOutcome() throws Exception {
        try (Sink crm = Sink.ok(); LogCapture log = new LogCapture(); RelayMetrics metrics = new RelayMetrics()) {
            RelayConfig config = RelayUnderTest.config(dir, """
                    destinations: {crm: {type: webhook, url: "%s", timeout: 1s}}
                    routes: [{name: all, to: [crm]}]
                    """.formatted(crm.url("/crm")));
            Clock clock = Clock.systemUTC();
            try (Store store = Store.open(config.store())) {
                Outbox outbox = store.outbox();
                outbox.enqueue(new RawEvent("e1", "chat", null, RelayUnderTest.chat("c1", "m1"), clock.instant()),
                        List.of(new Target("crm", "all")));
                Delivery stale = claimDue(outbox, "crm", clock.instant(), 1, config.lease("crm")).get(0);
                outbox.release(stale);
                Delivery current = claimDue(outbox, "crm", clock.instant(), 1, config.lease("crm")).get(0);
                Attempts attempts = new Attempts(config, Senders.real(Duration.ofSeconds(5)), outbox,
                        new RateLimiter(Map.of("crm", Optional.empty()), clock.instant()), clock, metrics, new DeliveryLog(clock));

                attempts.run(stale, () -> { });

                assertThat(crm.requestCount()).isEqualTo(1);
                assertThat(log.text().lines().filter(line -> line.contains("e1"))).singleElement().asString()
                        .contains("WARN").contains("not recorded: its claim had ended");
                assertThat(metrics.scrape()).doesNotContain("chatrelay_deliveries_total");
                assertThat(list(store.history(), Optional.empty(), 10)).singleElement()
                        .satisfies(view -> assertThat(view.attempts()).isZero());
                assertThat(outbox.release(current)).as("the current claim was left alone").isTrue();
            }
        }
    }

}
