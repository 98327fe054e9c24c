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
import io.chatrelay.store.StoreUnavailableException;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.StoppedClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claiming the next batch while the last one goes out spends nothing it should not: no rate
 * limit's tokens while no send can start, no more than a few of the store's connections, and a
 * claim that keeps failing is one failure, not a flapping log.
 */
class ClaimAheadTest {

    @TempDir
    Path dir;

    private final MockWebServer crm = new MockWebServer();
    private final CountDownLatch crmAnswers = new CountDownLatch(1);
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger passes = new AtomicInteger();
    private Store store;
    private Dispatcher dispatcher;

    /** Every request to the crm waits until {@code crmAnswers} opens. */
    @BeforeEach
    void startTheCrm() throws IOException {
        crm.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                arrived.incrementAndGet();
                crmAnswers.await(10, TimeUnit.SECONDS);
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        crm.start(0);
    }

    @AfterEach
    void stop() throws IOException {
        crmAnswers.countDown();
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (store != null) {
            store.close();
        }
        crm.close();
    }

    @Test
    void spendsNoRateLimitAheadWhileEverySendHangs() throws Exception {
        StoppedClock clock = new StoppedClock();
        Outbox outbox = start("""
                destinations: {crm: {type: webhook, url: "%s", rate_limit: {requests: 8, per: 1s}}}
                routes: [{name: all, to: [crm]}]
                """.formatted(crm.url("/crm")), clock, () -> { });
        enqueue(outbox, clock, 40, "crm");
        Eventually.holds("eight sends hang, the limit's burst spent", () -> arrived.get() == 8);

        for (int round = 0; round < 4; round++) { // the limit refills while every send hangs
            clock.advance(Duration.ofSeconds(2));
            awaitAPass();
        }
        crmAnswers.countDown();

        Eventually.holds("the hanging eight and the eight the refilled limit allows delivered",
                () -> store.history().count(DeliveryStatus.DELIVERED) >= 16);
        assertThat(claimDue(outbox, "crm", clock.instant(), 100, Duration.ofMinutes(1)))
                .as("no delivery was claimed ahead on tokens spent while the sends hung").hasSize(24);
        assertThat(store.history().count(DeliveryStatus.DELIVERED)).isEqualTo(16);
    }

    @Test
    void aClaimThatKeepsFailingIsLoggedAsOneFailureNotAsFailuresAndRecoveries() throws Exception {
        AtomicInteger claims = new AtomicInteger();
        try (LogCapture log = new LogCapture()) {
            Outbox outbox = start("""
                    destinations: {crm: {type: webhook, url: "%s"}}
                    routes: [{name: all, to: [crm]}]
                    """.formatted(crm.url("/crm")), Clock.systemUTC(), () -> {
                        claims.incrementAndGet();
                        throw new StoreUnavailableException("the store is down", null);
                    });
            enqueue(outbox, Clock.systemUTC(), 1, "crm");

            Eventually.holds("three claims failed", Duration.ofSeconds(10), () -> claims.get() >= 3);

            String lines = log.text().lines().filter(line -> line.contains("dispatch loop"))
                    .collect(Collectors.joining("\n"));
            assertThat(lines).as("one line for the failure, none saying it works again").doesNotContain("works again")
                    .containsOnlyOnce("the store is down");
        }
    }

    @Test
    void claimsTakeNoMoreThanTwoOfTheStoresConnectionsAtOnce() throws Exception {
        AtomicInteger atOnce = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch claimsMayGo = new CountDownLatch(1);
        List<String> names = IntStream.rangeClosed(1, 6).mapToObj(i -> "crm" + i).toList();
        String destinations = names.stream().map(name -> "  " + name + ": {type: webhook, url: \"" + crm.url("/" + name)
                + "\"}").collect(Collectors.joining("\n"));
        try {
            Outbox outbox = start("destinations:\n" + destinations + "\nroutes: [{name: all, to: [crm1]}]\n",
                    Clock.systemUTC(), () -> {
                        mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                        claimsMayGo.await(10, TimeUnit.SECONDS);
                        atOnce.decrementAndGet();
                    });
            names.forEach(name -> enqueue(outbox, Clock.systemUTC(), 1, name));

            Eventually.holds("claims wait for the store", () -> atOnce.get() >= 2);
            awaitAPass();
            awaitAPass();
            assertThat(mostAtOnce.get()).as("claims under way at once").isEqualTo(2);
        } finally {
            claimsMayGo.countDown();
        }
        Eventually.holds("every destination's delivery went out once the store answered", () -> arrived.get() == 6);
    }

    /** What the outbox does before each claim (a store that is slow, or down, for claims). */
    private interface BeforeClaim {
        void run() throws Exception;
    }

    /** The real outbox, running {@code beforeClaim} before each claim and counting the loop's passes. */
    private Outbox watched(Outbox real, BeforeClaim beforeClaim) {
        return OutboxHooks.before(OutboxHooks.before(real, "claim", args -> beforeClaim.run()), "shared",
                args -> passes.incrementAndGet());
    }

    /** Waits until the dispatch loop has been through a pass that learns what the replicas share (every 2 s). */
    private void awaitAPass() {
        int before = passes.get();
        dispatcher.wake();
        Eventually.holds("a pass of the dispatch loop", Duration.ofSeconds(10), () -> passes.get() > before);
    }

    /** Opens the store and starts a dispatcher on it; returns the store's own outbox. */
    private Outbox start(String destinations, Clock clock, BeforeClaim beforeClaim) throws Exception {
        RelayConfig config = RelayUnderTest.config(dir, destinations);
        store = Store.open(config.store());
        Outbox outbox = store.outbox();
        dispatcher = new Dispatcher(watched(outbox, beforeClaim), config, Senders.real(Duration.ofSeconds(10)), clock, 8, new RelayMetrics(),
                () -> false);
        dispatcher.start();
        return outbox;
    }

    private void enqueue(Outbox outbox, Clock clock, int events, String destination) {
        for (int i = 0; i < events; i++) {
            String id = Ids.newId(clock);
            outbox.enqueue(new RawEvent(id, "chat", "conversation-" + id, RelayUnderTest.chat("conversation-" + id,
                    "m" + i), clock.instant()), List.of(new Target(destination, "all")));
        }
        if (dispatcher != null) {
            dispatcher.wake();
        }
    }
}
