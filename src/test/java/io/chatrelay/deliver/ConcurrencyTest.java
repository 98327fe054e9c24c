package io.chatrelay.deliver;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each destination has sends of its own, and while acknowledgements queue up they give way: one
 * send per destination at a time.
 */
class ConcurrencyTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;

    private final AtomicBoolean burst = new AtomicBoolean();
    private final Destination crm = new Destination();
    private final Destination support = new Destination();
    private Store store;
    private Outbox outbox;
    private String storeUrl;
    private Dispatcher dispatcher;
    private UnaryOperator<Outbox> claimsWait = UnaryOperator.identity();

    @AfterEach
    void stop() throws IOException {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (store != null) {
            store.close();
        }
        crm.close();
        support.close();
    }

    @Test
    void sendsToADestinationOneAtATimeDuringABurst() throws Exception {
        burst.set(true);
        crm.holdEachRequestUntilAnotherArrives();
        start();
        enqueue(6, "crm");

        Eventually.holds("all six delivered", Duration.ofSeconds(10), () -> crm.served.get() == 6);
        assertThat(crm.mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void sendsToADestinationConcurrentlyWithoutABurst() throws Exception {
        crm.holdEachRequestUntilAnotherArrives();
        start();
        enqueue(6, "crm");

        Eventually.holds("all six delivered", Duration.ofSeconds(10), () -> crm.served.get() == 6);
        assertThat(crm.mostAtOnce.get()).isGreaterThan(1);
    }

    @Test
    void goesBackToFullConcurrencyOnceTheBurstHasPassed() throws Exception {
        burst.set(true);
        CountDownLatch threeAtOnce = crm.holdEachRequestUntil(3);
        start();
        enqueue(6, "crm");
        Eventually.holds("the first send is out", () -> crm.arrived.get() == 1);

        burst.set(false);
        dispatcher.wake();

        assertThat(threeAtOnce.await(10, TimeUnit.SECONDS)).as("three sends at once after the burst").isTrue();
    }

    @Test
    void everyDestinationStillGetsASendDuringABurst() throws Exception {
        burst.set(true);
        CountDownLatch supportArrived = new CountDownLatch(1);
        crm.holdEachRequestUntil(supportArrived);
        support.countDownOnArrival(supportArrived);
        start();
        enqueue(20, "crm");
        Eventually.holds("the archive is busy", () -> crm.arrived.get() == 1);

        enqueue(1, "support");

        assertThat(supportArrived.await(10, TimeUnit.SECONDS)).as("the escalation went out beside the archive").isTrue();
        assertThat(crm.mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void theNextSendDuringABurstDoesNotWaitForTheLastOneToBeRecorded() throws Exception {
        burst.set(true);
        CountDownLatch storeLocked = new CountDownLatch(1);
        crm.holdEachRequestUntil(storeLocked);
        start(() -> enqueue(2, "crm"));
        Eventually.holds("the first send is out", () -> crm.arrived.get() == 1);

        try (Connection other = DriverManager.getConnection(storeUrl); Statement sql = other.createStatement()) {
            sql.execute("BEGIN IMMEDIATE"); // another writer holds the store: no outcome can be recorded
            storeLocked.countDown();

            Eventually.holds("the second send went out while the first one's outcome waits for the store",
                    () -> crm.arrived.get() == 2);
            assertThat(crm.mostAtOnce.get()).as("still one send at a time").isEqualTo(1);
            sql.execute("ROLLBACK");
        }
        Eventually.holds("both outcomes recorded once the store is free",
                () -> store.history().count(DeliveryStatus.DELIVERED) == 2);
    }

    @Test
    void aDestinationWhoseSendsHangDoesNotHoldUpAnother() throws Exception {
        CountDownLatch supportArrived = new CountDownLatch(1);
        crm.holdEachRequestUntil(supportArrived);
        support.countDownOnArrival(supportArrived);
        start();
        enqueue(20, "crm");
        Eventually.holds("every crm send is hanging", () -> crm.arrived.get() == 8);

        enqueue(1, "support");

        assertThat(supportArrived.await(5, TimeUnit.SECONDS))
                .as("the escalation went out long before the archive's sends time out (10 s)").isTrue();
    }

    @Test
    void aClaimWaitingForTheStoreHoldsUpNoOtherDestination() throws Exception {
        CountDownLatch crmClaimsMayGo = new CountDownLatch(1);
        CountDownLatch supportArrived = new CountDownLatch(1);
        support.countDownOnArrival(supportArrived);
        claimsOf("crm", crmClaimsMayGo::await);
        start();
        enqueue(1, "crm");

        enqueue(1, "support");

        try {
            assertThat(supportArrived.await(5, TimeUnit.SECONDS))
                    .as("support's delivery went out while the archive's claim waited").isTrue();
            assertThat(crm.arrived.get()).isZero();
        } finally {
            crmClaimsMayGo.countDown();
        }
        Eventually.holds("the archive's delivery went out once its claim could", () -> crm.served.get() == 1);
    }

    @Test
    void keepsItsConnectionsToADestinationOpenBetweenBusySpells() throws Exception {
        start();
        for (int round = 1; round <= 2; round++) {
            CountDownLatch allEight = crm.holdEachRequestUntil(8);
            enqueue(8, "crm");
            assertThat(allEight.await(10, TimeUnit.SECONDS)).as("eight sends at once in round %d", round).isTrue();
            int delivered = 8 * round;
            Eventually.holds("round " + round + " recorded",
                    () -> store.history().count(DeliveryStatus.DELIVERED) == delivered);
        }

        assertThat(crm.connections).as("the second round reused the first round's connections").hasSize(8);
    }

    private void start() throws Exception {
        start(null);
    }

    /** A claim of {@code destination}'s deliveries first waits for {@code before} (a store that is slow for it). */
    private void claimsOf(String destination, Hold before) {
        claimsWait = outbox -> OutboxHooks.before(outbox, "claim", args -> {
            if (destination.equals(args[0])) {
                before.await();
            }
        });
    }

    /** Opens the store, runs {@code beforeDispatching} (when not null), and starts the dispatcher. */
    private void start(Runnable beforeDispatching) throws Exception {
        RelayConfig config = RelayUnderTest.config(dir, """
                destinations:
                  crm: {type: webhook, url: "%s"}
                  support: {type: webhook, url: "%s"}
                routes:
                  - {name: all, to: [crm]}
                """.formatted(crm.server.url("/crm"), support.server.url("/support")));
        storeUrl = config.store().url();
        store = Store.open(config.store());
        outbox = store.outbox();
        if (beforeDispatching != null) {
            beforeDispatching.run();
        }
        dispatcher = new Dispatcher(claimsWait.apply(outbox), config, Senders.real(Duration.ofSeconds(10)), CLOCK, 8,
                new RelayMetrics(), burst::get);
        dispatcher.start();
    }

    private void enqueue(int events, String destination) {
        for (int i = 0; i < events; i++) {
            String id = Ids.newId(CLOCK);
            byte[] body = RelayUnderTest.chat("conversation-" + id, "m" + i);
            outbox.enqueue(new RawEvent(id, "chat", "conversation-" + id, body, CLOCK.instant()),
                    List.of(new Target(destination, "all")));
        }
        if (dispatcher != null) {
            dispatcher.wake();
        }
    }

    /** What a request, or a claim, does before it goes on. */
    private interface Hold {
        void await() throws InterruptedException;
    }

    /** A destination that counts how many requests it is answering at once, and can hold them. */
    private static final class Destination implements AutoCloseable {

        final MockWebServer server = new MockWebServer();
        final AtomicInteger arrived = new AtomicInteger();
        final AtomicInteger served = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final java.util.Set<Integer> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final AtomicInteger atOnce = new AtomicInteger();
        private volatile Hold hold = () -> { };

        Destination() {
            server.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    arrived.incrementAndGet();
                    connections.add(request.getConnectionIndex());
                    mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                    hold.await();
                    atOnce.decrementAndGet();
                    served.incrementAndGet();
                    return new MockResponse.Builder().code(200).body("ok").build();
                }
            });
            try {
                server.start(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Each request waits until the next one arrives, or 200 ms when none does. */
        void holdEachRequestUntilAnotherArrives() {
            AtomicReference<CountDownLatch> waiting = new AtomicReference<>(new CountDownLatch(0));
            hold = () -> {
                CountDownLatch mine = new CountDownLatch(1);
                waiting.getAndSet(mine).countDown();
                mine.await(200, TimeUnit.MILLISECONDS);
            };
        }

        /** Each request waits until {@code count} requests are being answered at once. */
        CountDownLatch holdEachRequestUntil(int count) {
            CountDownLatch together = new CountDownLatch(count);
            hold = () -> {
                together.countDown();
                together.await(10, TimeUnit.SECONDS);
            };
            return together;
        }

        /** Each request waits until {@code latch} opens. */
        void holdEachRequestUntil(CountDownLatch latch) {
            hold = () -> latch.await(10, TimeUnit.SECONDS);
        }

        /** Each request counts {@code latch} down on arrival. */
        void countDownOnArrival(CountDownLatch latch) {
            hold = latch::countDown;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
