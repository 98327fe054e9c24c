package io.chatrelay.store;

import static io.chatrelay.store.StoreKit.claimDue;
import static io.chatrelay.store.StoreKit.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must do, its outbox, history and maintenance, whatever database it runs on.
 * Each dialect's test extends this and says how to open a fresh store; the same assertions then
 * run against each.
 */
abstract class OutboxContract {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    Store store;
    Outbox outbox;
    History history;
    Maintenance maintenance;

    /** A fresh, empty store. */
    abstract Store open();

    /** The same store opened again, as after a restart. */
    abstract Store reopen();

    /** The JDBC URL of the store, to look at its tables directly. */
    abstract String url();

    /** How many attempt rows the store keeps for this delivery. */
    long attemptRows(String deliveryId) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url());
             java.sql.PreparedStatement select = connection.prepareStatement(
                     "SELECT COUNT(*) FROM attempts WHERE delivery_id = ?")) {
            select.setLong(1, Long.parseLong(deliveryId));
            try (java.sql.ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void openStore() {
        use(open());
    }

    /** Makes {@code opened} the store the test works on. */
    void use(Store opened) {
        store = opened;
        outbox = opened.outbox();
        history = opened.history();
        maintenance = opened.maintenance();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static RawEvent event(String id, String conversation, Instant at) {
        return new RawEvent(id, "chat", conversation, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), at);
    }

    static List<Target> to(String... destinations) {
        return java.util.Arrays.stream(destinations).map(d -> new Target(d, "route-" + d)).toList();
    }

    /** Time enough for any outcome to be stored. */
    static Deadline soon() {
        return Deadline.in(Duration.ofSeconds(10), java.time.Clock.systemUTC());
    }

    static Attempt attempt(Instant at, int status) {
        return new Attempt(at, status, status == 0 ? "network error" : String.valueOf(status), Duration.ofMillis(5));
    }

    @Test
    void keepsTheEventBytesAndOneDeliveryPerDestination() {
        outbox.enqueue(event("e1", "c1", T0), to("slack", "crm"));

        List<Delivery> slack = claimDue(outbox, "slack", T0, 10, LEASE);
        List<Delivery> crm = claimDue(outbox, "crm", T0, 10, LEASE);

        assertThat(slack).singleElement().satisfies(d -> {
            assertThat(d.event().body()).isEqualTo("{\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(d.event().receivedAt()).isEqualTo(T0);
            assertThat(d.route()).isEqualTo("route-slack");
            assertThat(d.attempts()).isZero();
        });
        assertThat(crm).hasSize(1);
        assertThat(history.count(DeliveryStatus.PENDING)).isEqualTo(2);
    }

    @Test
    void handsAClaimedDeliveryToNobodyElseUntilItsLeaseExpires() {
        outbox.enqueue(event("e1", null, T0), to("slack"));

        assertThat(claimDue(outbox, "slack", T0, 10, LEASE)).hasSize(1);
        assertThat(claimDue(outbox, "slack", T0.plusSeconds(1), 10, LEASE)).isEmpty();
        assertThat(claimDue(outbox, "slack", T0.plus(LEASE).plusSeconds(1), 10, LEASE)).hasSize(1);
    }

    @Test
    void eachClaimLastsTheLeaseItWasMadeWith() {
        outbox.enqueue(event("e1", null, T0), to("slack", "crm"));
        Duration longer = LEASE.multipliedBy(4);

        assertThat(claimDue(outbox, "slack", T0, 10, LEASE)).hasSize(1);
        assertThat(claimDue(outbox, "crm", T0, 10, longer)).hasSize(1);

        Instant afterTheShortLease = T0.plus(LEASE).plusSeconds(1);
        assertThat(claimDue(outbox, "slack", afterTheShortLease, 10, LEASE)).hasSize(1);
        assertThat(claimDue(outbox, "crm", afterTheShortLease, 10, LEASE)).as("still leased").isEmpty();
        assertThat(claimDue(outbox, "crm", T0.plus(longer).plusSeconds(1), 10, LEASE)).hasSize(1);
    }

    @Test
    void deliveredDeliveriesAreNotClaimedAgain() {
        outbox.enqueue(event("e1", null, T0), to("slack"));
        Delivery delivery = claimDue(outbox, "slack", T0, 10, LEASE).get(0);

        outbox.delivered(delivery, attempt(T0, 200), soon());

        assertThat(claimDue(outbox, "slack", T0.plus(LEASE).plusSeconds(60), 10, LEASE)).isEmpty();
        assertThat(list(history, Optional.of(DeliveryStatus.DELIVERED), 10)).singleElement()
                .satisfies(v -> assertThat(v.lastStatus()).isEqualTo(200));
    }

    @Test
    void aRetryBecomesDueAtItsTimeWithTheAttemptCounted() {
        outbox.enqueue(event("e1", null, T0), to("slack"));
        Delivery delivery = claimDue(outbox, "slack", T0, 10, LEASE).get(0);

        outbox.retryAt(delivery, T0.plusSeconds(5), attempt(T0, 503), soon());

        Outbox.Claim early = outbox.claim("slack", T0.plusSeconds(4), 10, LEASE);
        assertThat(early.deliveries()).isEmpty();
        assertThat(early.nextDue()).contains(T0.plusSeconds(5));
        assertThat(claimDue(outbox, "slack", T0.plusSeconds(5), 10, LEASE)).singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
    }

    @Test
    void aClaimThatFindsFewerThanAskedSaysWhenTheNextIsDue() {
        outbox.enqueue(event("e1", null, T0), to("slack"));
        outbox.enqueue(event("e2", null, T0), to("slack"));
        Delivery first = claimDue(outbox, "slack", T0, 1, LEASE).get(0);
        outbox.retryAt(first, T0.plusSeconds(5), attempt(T0, 503), soon());

        Outbox.Claim claim = outbox.claim("slack", T0, 10, LEASE);

        assertThat(claim.deliveries()).singleElement().satisfies(d -> assertThat(d.event().id()).isEqualTo("e2"));
        assertThat(claim.nextDue()).contains(T0.plusSeconds(5));
        assertThat(outbox.claim("slack", T0.plusSeconds(5), 1, LEASE).deliveries()).singleElement()
                .satisfies(d -> assertThat(d.event().id()).isEqualTo("e1"));
    }

    @Test
    void keepsEachConversationInOrderThroughFailures() {
        outbox.enqueue(event("a1", "A", T0), to("slack"));
        outbox.enqueue(event("b1", "B", T0.plusMillis(1)), to("slack"));
        outbox.enqueue(event("a2", "A", T0.plusMillis(2)), to("slack"));

        List<Delivery> first = claimDue(outbox, "slack", T0.plusMillis(5), 10, LEASE);
        assertThat(first).extracting(d -> d.event().id()).containsExactly("a1", "b1");

        Delivery a1 = first.get(0);
        outbox.retryAt(a1, T0.plusSeconds(10), attempt(T0, 500), soon());
        assertThat(claimDue(outbox, "slack", T0.plusSeconds(1), 10, LEASE)).as("a2 waits for a1").isEmpty();

        Delivery retried = claimDue(outbox, "slack", T0.plusSeconds(10), 10, LEASE).get(0);
        assertThat(retried.event().id()).isEqualTo("a1");
        outbox.delivered(retried, attempt(T0.plusSeconds(10), 200), soon());
        assertThat(claimDue(outbox, "slack", T0.plusSeconds(10), 10, LEASE)).extracting(d -> d.event().id())
                .containsExactly("a2");
    }

    @Test
    void ordersPerDestinationNotAcrossDestinations() {
        outbox.enqueue(event("a1", "A", T0), to("slack", "crm"));
        outbox.enqueue(event("a2", "A", T0.plusMillis(1)), to("slack", "crm"));
        Delivery slackA1 = claimDue(outbox, "slack", T0, 10, LEASE).get(0);
        outbox.retryAt(slackA1, T0.plusSeconds(60), attempt(T0, 500), soon());

        assertThat(claimDue(outbox, "crm", T0.plusSeconds(1), 10, LEASE)).extracting(d -> d.event().id())
                .containsExactly("a1");
    }

    @Test
    void deadLettersStayUntilReplayedAndNoLongerHoldTheConversation() {
        outbox.enqueue(event("a1", "A", T0), to("slack"));
        outbox.enqueue(event("a2", "A", T0.plusMillis(1)), to("slack"));
        Delivery a1 = claimDue(outbox, "slack", T0, 10, LEASE).get(0);

        outbox.dead(a1, attempt(T0, 404), soon());

        assertThat(list(history, Optional.of(DeliveryStatus.DEAD), 10)).singleElement().satisfies(v -> {
            assertThat(v.eventId()).isEqualTo("a1");
            assertThat(v.destination()).isEqualTo("slack");
            assertThat(v.lastStatus()).isEqualTo(404);
            assertThat(v.attempts()).isEqualTo(1);
        });
        Delivery a2 = claimDue(outbox, "slack", T0.plusSeconds(1), 10, LEASE).get(0);
        assertThat(a2.event().id()).isEqualTo("a2");
        outbox.delivered(a2, attempt(T0.plusSeconds(1), 200), soon());

        long id = list(history, Optional.of(DeliveryStatus.DEAD), 10).get(0).id();
        assertThat(maintenance.replay(List.of(id, 999_999L), ActionSource.API, T0.plusSeconds(2))).isEqualTo(1);
        assertThat(history.actions("a1")).extracting(ActionView::action, ActionView::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("replay", "api"));
        Delivery replayed = claimDue(outbox, "slack", T0.plusSeconds(2), 10, LEASE).get(0);
        assertThat(replayed.attempts()).as("a replay starts counting again").isZero();
        outbox.delivered(replayed, attempt(T0.plusSeconds(2), 200), soon());
        assertThat(list(history, Optional.of(DeliveryStatus.DELIVERED), 10)).extracting(DeliveryView::eventId)
                .contains("a1");
    }

    @Test
    void replaysEveryDeadDelivery() {
        outbox.enqueue(event("e1", null, T0), to("slack", "crm"));
        outbox.dead(claimDue(outbox, "slack", T0, 1, LEASE).get(0), attempt(T0, 410), soon());
        outbox.dead(claimDue(outbox, "crm", T0, 1, LEASE).get(0), attempt(T0, 401), soon());

        assertThat(maintenance.replayAllDead(T0.plusSeconds(1))).isEqualTo(2);
        assertThat(history.count(DeliveryStatus.DEAD)).isZero();
        assertThat(history.count(DeliveryStatus.PENDING)).isEqualTo(2);
    }

    @Test
    void retryNowMakesADeliveryInBackoffDueAndLeavesALeasedOneAlone() {
        outbox.enqueue(event("e1", null, T0), to("slack", "crm"));
        outbox.retryAt(claimDue(outbox, "slack", T0, 1, LEASE).get(0), T0.plusSeconds(300), attempt(T0, 503), soon());
        claimDue(outbox, "crm", T0, 1, LEASE);
        long waiting = list(history, Optional.of(DeliveryStatus.PENDING), 10).stream()
                .filter(v -> v.destination().equals("slack")).findFirst().orElseThrow().id();
        long leased = list(history, Optional.of(DeliveryStatus.PENDING), 10).stream()
                .filter(v -> v.destination().equals("crm")).findFirst().orElseThrow().id();

        assertThat(maintenance.retryNow(waiting, ActionSource.CONSOLE, T0.plusSeconds(1))).isTrue();
        assertThat(maintenance.retryNow(leased, ActionSource.CONSOLE, T0.plusSeconds(1))).as("due already").isFalse();
        assertThat(maintenance.retryNow(leased, ActionSource.CONSOLE, T0.minusSeconds(1)))
                .as("being sent, though a clock behind sees it as due later").isFalse();
        assertThat(maintenance.retryNow(waiting, ActionSource.CONSOLE, T0.plusSeconds(2))).as("already due").isFalse();

        assertThat(claimDue(outbox, "slack", T0.plusSeconds(2), 10, LEASE)).singleElement()
                .satisfies(d -> assertThat(d.attempts()).as("the attempt before still counts").isEqualTo(1));
        assertThat(history.actions("e1")).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("retry");
            assertThat(a.deliveryId()).isEqualTo(waiting);
            assertThat(a.source()).isEqualTo("console");
            assertThat(a.at()).isEqualTo(T0.plusSeconds(1));
        });
    }

    @Test
    void resendSendsADeliveredDeliveryAgainCountedAfreshAndNoEarlierClaimWrites() {
        outbox.enqueue(event("e1", null, T0), to("slack"));
        Delivery old = claimDue(outbox, "slack", T0, 1, LEASE).get(0);
        outbox.delivered(old, attempt(T0, 200), soon());
        long id = list(history, Optional.empty(), 10).get(0).id();

        assertThat(maintenance.resend(id, ActionSource.API, T0.plusSeconds(1))).isTrue();
        assertThat(outbox.delivered(old, attempt(T0.plusSeconds(1), 200), soon())).as("no write of an earlier claim applies")
                .isFalse();
        assertThat(maintenance.resend(id, ActionSource.API, T0.plusSeconds(1))).as("pending, not delivered").isFalse();

        Delivery again = claimDue(outbox, "slack", T0.plusSeconds(1), 10, LEASE).get(0);
        assertThat(again.attempts()).as("counted afresh").isZero();
        assertThat(history.actions("e1")).extracting(ActionView::action, ActionView::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("resend", "api"));
    }

    @Test
    void bulkReplayReplaysOnlyTheFiltersDeadDeliveries() {
        outbox.enqueue(event("old", "A", T0), to("slack", "crm"));
        outbox.enqueue(event("other", "B", T0.plusSeconds(3600)), to("slack"));
        outbox.enqueue(event("new", "A", T0.plusSeconds(3600)), to("slack", "crm"));
        for (int round = 0; round < 2; round++) { // a conversation's deliveries are sent one after the other
            for (String destination : List.of("slack", "crm")) {
                for (Delivery d : claimDue(outbox, destination, T0.plusSeconds(3600), 10, LEASE)) {
                    outbox.dead(d, attempt(T0, 404), soon());
                }
            }
        }
        outbox.enqueue(event("fine", "A", T0.plusSeconds(3600)), to("slack"));
        outbox.delivered(claimDue(outbox, "slack", T0.plusSeconds(3600), 1, LEASE).get(0), attempt(T0, 200), soon());

        DeliveryFilter filter = DeliveryFilter.newest(Integer.MAX_VALUE).withDestination("slack")
                .withConversation("A").withSince(T0.plusSeconds(60));
        assertThat(maintenance.replayDead(filter, ActionSource.CLI, T0.plusSeconds(4000))).isEqualTo(1);

        assertThat(list(history, Optional.of(DeliveryStatus.PENDING), 10))
                .extracting(DeliveryView::eventId, DeliveryView::destination)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("new", "slack"));
        assertThat(history.count(DeliveryStatus.DEAD)).as("another conversation's, older ones, crm's").isEqualTo(4);
        assertThat(history.actions("new")).extracting(ActionView::action, ActionView::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("replay", "cli"));
        assertThat(history.actions("old")).isEmpty();
        assertThat(maintenance.replayDead(DeliveryFilter.newest(2), ActionSource.API, T0.plusSeconds(4001)))
                .as("at most the filter's limit").isEqualTo(2);
    }

    @Test
    void pruningADeliveryForgetsTheActionsOnIt() {
        outbox.enqueue(event("old", null, T0), to("slack"));
        outbox.delivered(claimDue(outbox, "slack", T0, 1, LEASE).get(0), attempt(T0, 200), soon());
        maintenance.resend(list(history, Optional.empty(), 1).get(0).id(), ActionSource.CLI, T0.plusSeconds(1));
        outbox.delivered(claimDue(outbox, "slack", T0.plusSeconds(1), 1, LEASE).get(0), attempt(T0.plusSeconds(1), 200),
                soon());

        assertThat(outbox.pruneDelivered(T0.plusSeconds(50))).isEqualTo(1);
        assertThat(history.actions("old")).isEmpty();
    }

    @Test
    void releasedDeliveriesAreDueAgainAtOnce() {
        outbox.enqueue(event("e1", null, T0), to("slack"));
        Delivery delivery = claimDue(outbox, "slack", T0, 10, LEASE).get(0);

        outbox.release(delivery);

        assertThat(claimDue(outbox, "slack", T0.plusSeconds(1), 10, LEASE)).hasSize(1);
    }

    @Test
    void prunesOnlyOldDeliveredDeliveries() {
        outbox.enqueue(event("old", null, T0), to("slack"));
        outbox.enqueue(event("dead", null, T0), to("crm"));
        outbox.delivered(claimDue(outbox, "slack", T0, 1, LEASE).get(0), attempt(T0, 200), soon());
        outbox.dead(claimDue(outbox, "crm", T0, 1, LEASE).get(0), attempt(T0, 404), soon());
        outbox.enqueue(event("new", null, T0.plusSeconds(100)), to("slack"));
        outbox.delivered(claimDue(outbox, "slack", T0.plusSeconds(100), 1, LEASE).get(0),
                attempt(T0.plusSeconds(100), 200), soon());

        assertThat(outbox.pruneDelivered(T0.plusSeconds(50))).isEqualTo(1);
        assertThat(list(history, Optional.empty(), 10)).extracting(DeliveryView::eventId)
                .containsExactlyInAnyOrder("new", "dead");
    }

    @Test
    void forgetsAConversationsThreadOncePruningHasLeftNoneOfItsEvents() {
        outbox.enqueue(event("old", "gone", T0), to("slack"));
        outbox.delivered(claimDue(outbox, "slack", T0, 1, LEASE).get(0), attempt(T0, 200), soon());
        outbox.shared().saveThreadId("slack", "gone", "1700000000.000100", T0);
        outbox.enqueue(event("early", "ongoing", T0), to("slack"));
        outbox.delivered(claimDue(outbox, "slack", T0, 1, LEASE).get(0), attempt(T0, 200), soon());
        outbox.shared().saveThreadId("slack", "ongoing", "1700000000.000200", T0);
        outbox.enqueue(event("late", "ongoing", T0.plusSeconds(100)), to("slack"));

        outbox.pruneDelivered(T0.plusSeconds(50));

        assertThat(outbox.shared().threadId("slack", "gone")).as("no event of it is left").isEmpty();
        assertThat(outbox.shared().threadId("slack", "ongoing")).as("a later message of it is still stored")
                .contains("1700000000.000200");
    }

    @Test
    void prunesALargeStoreInShortTransactionsAndLeavesNothingBehind() throws Exception {
        int old = 2 * Retention.CHUNK + 1;
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url())) {
            connection.setAutoCommit(false);
            try (java.sql.PreparedStatement events = connection.prepareStatement(
                    "INSERT INTO events (id, type, body, received_at) VALUES (?, 'chat', ?, ?)");
                 java.sql.PreparedStatement deliveries = connection.prepareStatement("INSERT INTO deliveries "
                         + "(id, event_id, destination, route, status, next_attempt_at, updated_at) "
                         + "VALUES (?, ?, 'slack', 'all', 'delivered', 0, ?)");
                 java.sql.PreparedStatement attempts = connection.prepareStatement("INSERT INTO attempts "
                         + "(delivery_id, number, at, status, duration_ms) VALUES (?, 1, ?, 200, 5)")) {
                for (int i = 1; i <= old; i++) {
                    events.setString(1, "old" + i);
                    events.setBytes(2, new byte[] {'{', '}'});
                    events.setLong(3, T0.toEpochMilli());
                    events.addBatch();
                    deliveries.setLong(1, 1000 + i);
                    deliveries.setString(2, "old" + i);
                    deliveries.setLong(3, T0.toEpochMilli());
                    deliveries.addBatch();
                    attempts.setLong(1, 1000 + i);
                    attempts.setLong(2, T0.toEpochMilli());
                    attempts.addBatch();
                }
                events.executeBatch();
                deliveries.executeBatch();
                attempts.executeBatch();
            }
            connection.commit();
        }
        outbox.enqueue(event("kept", null, T0), to("crm"));

        assertThat(outbox.pruneDelivered(T0.plusSeconds(1))).isEqualTo(old);
        assertThat(history.events(EventFilter.newest(10)))
                .extracting(EventSummary::id).containsExactly("kept");
        assertThat(attemptRows("1001") + attemptRows(String.valueOf(1000 + old))).isZero();
        assertThat(history.count(DeliveryStatus.PENDING)).isEqualTo(1);
    }

    @Test
    void keepsEverythingAcrossARestart() {
        outbox.enqueue(event("e1", "c", T0), to("slack"));
        outbox.enqueue(event("e2", "c", T0.plusMillis(1)), to("slack"));
        claimDue(outbox, "slack", T0, 10, LEASE);
        store.close();

        use(reopen());

        List<Delivery> due = claimDue(outbox, "slack", T0.plus(LEASE).plusSeconds(1), 10, LEASE);
        assertThat(due).extracting(d -> d.event().id()).containsExactly("e1");
    }

    @Test
    void enqueuesConcurrentEventsWithoutLosingAny() throws Exception {
        int threads = 8;
        int each = 50;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    outbox.enqueue(event("t" + thread + "-" + i, "c" + thread, T0), to("crm"));
                }
            }));
        }
        for (var future : futures) {
            future.get();
        }
        pool.shutdown();

        assertThat(history.count(DeliveryStatus.PENDING)).isEqualTo(threads * each);
    }

    static List<Target> digestTo(String destination) {
        return List.of(new Target(destination, "hourly", Optional.of(
                new io.chatrelay.config.DigestConfig(Duration.ofHours(1), 50))));
    }

    static List<String> ids(DigestContents digest) {
        return digest.events().stream().map(RawEvent::id).toList();
    }

    @Test
    void aDigestGathersItsPeriodsEventsInOneDeliveryDueAtItsEnd() {
        outbox.enqueue(event("e1", "c1", T0), digestTo("slack"));
        outbox.enqueue(event("e2", "c2", T0.plus(Duration.ofMinutes(10))), digestTo("slack"));
        outbox.enqueue(event("e3", "c1", T0.plus(Duration.ofMinutes(59))), digestTo("slack"));

        Outbox.Claim early = outbox.claim("slack", T0.plus(Duration.ofMinutes(59)), 10, LEASE);
        assertThat(early.deliveries()).isEmpty();
        assertThat(early.nextDue()).contains(T0.plus(Duration.ofHours(1)));
        Delivery digest = claimDue(outbox, "slack", T0.plus(Duration.ofHours(1)), 10, LEASE).get(0);
        assertThat(digest.isDigest()).isTrue();
        DigestContents contents = outbox.digest(digest);
        assertThat(ids(contents)).containsExactly("e1", "e2", "e3");
        assertThat(contents.start()).isEqualTo(T0);
        assertThat(contents.end()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(contents.maxEvents()).isEqualTo(50);
        assertThat(history.digestDeliveries("e2")).containsExactly(Long.parseLong(digest.id()));

        outbox.enqueue(event("e4", "c3", T0.plus(Duration.ofMinutes(59))), digestTo("slack")); // after the claim
        assertThat(ids(outbox.digest(digest))).as("a claimed digest is sealed").containsExactly("e1", "e2", "e3");
        outbox.delivered(digest, attempt(T0.plus(Duration.ofHours(1)), 200), soon());
        Delivery next = claimDue(outbox, "slack", T0.plus(Duration.ofMinutes(119)), 10, LEASE).get(0);
        assertThat(ids(outbox.digest(next))).containsExactly("e4");
    }

    @Test
    void anEventAfterThePeriodStartsTheNextEvenBeforeTheDigestIsClaimed() {
        outbox.enqueue(event("e1", null, T0), digestTo("crm"));
        outbox.enqueue(event("e2", null, T0.plus(Duration.ofMinutes(61))), digestTo("crm"));

        List<Delivery> due = claimDue(outbox, "crm", T0.plus(Duration.ofMinutes(61)), 10, LEASE);

        assertThat(due).singleElement().satisfies(d -> assertThat(ids(outbox.digest(d))).containsExactly("e1"));
        outbox.delivered(due.get(0), attempt(T0.plus(Duration.ofMinutes(61)), 200), soon());
        assertThat(claimDue(outbox, "crm", T0.plus(Duration.ofMinutes(121)), 10, LEASE)).singleElement()
                .satisfies(d -> assertThat(ids(outbox.digest(d))).containsExactly("e2"));
    }

    @Test
    void aRetriedDigestCarriesTheSameEventsAndSurvivesARestart() {
        outbox.enqueue(event("e1", null, T0), digestTo("crm"));
        outbox.enqueue(event("e2", null, T0.plusSeconds(5)), digestTo("crm"));
        Delivery digest = claimDue(outbox, "crm", T0.plus(Duration.ofHours(1)), 10, LEASE).get(0);
        outbox.retryAt(digest, T0.plus(Duration.ofMinutes(70)), attempt(T0.plus(Duration.ofHours(1)), 503), soon());
        outbox.enqueue(event("e3", null, T0.plus(Duration.ofMinutes(65))), digestTo("crm"));
        store.close();
        use(reopen());

        List<Delivery> due = claimDue(outbox, "crm", T0.plus(Duration.ofMinutes(70)), 10, LEASE);

        assertThat(due).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(digest.id());
            assertThat(ids(outbox.digest(d))).containsExactly("e1", "e2");
        });
    }

    @Test
    void keepsADigestsEventsUntilItsDeliveryIsPruned() {
        Clock at = Clock.fixed(T0, ZoneOffset.UTC);
        String first = io.chatrelay.event.Ids.newId(at);
        String second = io.chatrelay.event.Ids.newId(at);
        outbox.enqueue(event(first, null, T0), digestTo("crm"));
        outbox.enqueue(event(second, null, T0.plusSeconds(5)), digestTo("crm"));
        Delivery digest = claimDue(outbox, "crm", T0.plus(Duration.ofHours(1)), 10, LEASE).get(0);

        outbox.pruneDelivered(T0.plus(Duration.ofDays(30)));
        assertThat(ids(outbox.digest(digest))).as("pending: nothing of it is pruned").containsExactly(first, second);

        outbox.delivered(digest, attempt(T0.plus(Duration.ofHours(1)), 200), soon());
        outbox.pruneDelivered(T0.plus(Duration.ofDays(30)));
        assertThat(history.event(first)).isEmpty();
        assertThat(history.event(second)).isEmpty();
        assertThat(history.digestDeliveries(second)).isEmpty();
    }

    @Test
    void anEventDeliveredAtOnceElsewhereStaysForTheDigestThatStillCarriesIt() {
        Clock at = Clock.fixed(T0, ZoneOffset.UTC);
        String first = io.chatrelay.event.Ids.newId(at);
        String both = io.chatrelay.event.Ids.newId(at);
        outbox.enqueue(event(first, null, T0), digestTo("crm"));
        List<Target> targets = new java.util.ArrayList<>(to("slack"));
        targets.addAll(digestTo("crm"));
        outbox.enqueue(event(both, null, T0.plusSeconds(5)), targets);
        outbox.delivered(claimDue(outbox, "slack", T0.plusSeconds(5), 10, LEASE).get(0), attempt(T0, 200), soon());

        outbox.pruneDelivered(T0.plus(Duration.ofMinutes(30)));

        Delivery digest = claimDue(outbox, "crm", T0.plus(Duration.ofHours(1)), 10, LEASE).get(0);
        assertThat(ids(outbox.digest(digest))).containsExactly(first, both);
    }

    @Test
    void concurrentEventsOfOneRouteAllJoinOneDigest() throws Exception {
        int threads = 8;
        int each = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    outbox.enqueue(event("t" + thread + "-" + i, "c" + thread, T0.plusMillis(i)), digestTo("crm"));
                }
            }));
        }
        for (var future : futures) {
            future.get();
        }
        pool.shutdown();

        List<Delivery> due = claimDue(outbox, "crm", T0.plus(Duration.ofHours(2)), 10, LEASE);
        assertThat(due).singleElement().satisfies(d -> assertThat(outbox.digest(d).events()).hasSize(threads * each));
    }

    @Test
    void aConversationKeepsTheFirstThreadRecordedForEachDestination() {
        SharedState shared = outbox.shared();
        assertThat(shared.threadId("slack", "c1")).isEmpty();

        shared.saveThreadId("slack", "c1", "1700000000.000100", T0);
        shared.saveThreadId("slack", "c1", "1700000000.000200", T0.plusSeconds(1));
        shared.saveThreadId("discord", "c1", "987654321", T0);

        assertThat(shared.threadId("slack", "c1")).as("a second send racing the first does not move the thread")
                .contains("1700000000.000100");
        assertThat(shared.threadId("discord", "c1")).contains("987654321");
        assertThat(shared.threadId("slack", "c2")).isEmpty();
    }

    @Test
    void threadsOutliveARestart() {
        outbox.shared().saveThreadId("slack", "c1", "1700000000.000100", T0);
        store.close();

        use(reopen());

        assertThat(outbox.shared().threadId("slack", "c1")).contains("1700000000.000100");
    }

    @Test
    void countsLiveReplicasAndSharesPauses() {
        try (Store other = reopen()) {
            outbox.shared().heartbeat(T0, Duration.ofSeconds(10));

            assertThat(other.outbox().shared().heartbeat(T0.plusSeconds(1), Duration.ofSeconds(10))).isEqualTo(2);
            assertThat(other.outbox().shared().heartbeat(T0.plusSeconds(30), Duration.ofSeconds(10)))
                    .as("the first went quiet").isEqualTo(1);

            outbox.shared().pauseDestination("discord", T0.plusSeconds(5));
            other.outbox().shared().pauseDestination("discord", T0.plusSeconds(3));
            assertThat(other.outbox().shared().pauses(T0)).as("a shorter pause does not cut a longer one short")
                    .containsEntry("discord", T0.plusSeconds(5));
            assertThat(other.outbox().shared().pauses(T0.plusSeconds(6))).isEmpty();
        }
    }

    @Test
    void aLateOutcomeFromAReplicaWhoseClaimWasTakenOverChangesNothingAndRecordsNoAttempt() {
        for (String id : List.of("e1", "e2", "e3")) {
            outbox.enqueue(event(id, null, T0), to("crm"));
        }
        List<Delivery> mine = claimDue(outbox, "crm", T0, 10, LEASE);
        Instant expired = T0.plus(LEASE).plusSeconds(1);
        try (Store other = reopen()) {
            List<Delivery> theirs = claimDue(other.outbox(), "crm", expired, 10, LEASE);
            assertThat(theirs).as("the lease ran out: the other replica takes over").hasSize(3);
            theirs.forEach(d -> assertThat(other.outbox().delivered(d, attempt(expired, 200), soon())).isTrue());

            assertThat(outbox.retryAt(mine.get(0), expired.plusSeconds(5), attempt(T0, 503), soon())).isFalse();
            assertThat(outbox.delivered(mine.get(1), attempt(T0, 200), soon())).isFalse();
            assertThat(outbox.dead(mine.get(2), attempt(T0, 404), soon())).isFalse();
        }

        assertThat(list(history, Optional.empty(), 10)).hasSize(3).allSatisfy(v -> {
            assertThat(v.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(v.attempts()).isEqualTo(1);
            assertThat(v.lastStatus()).isEqualTo(200);
        });
        mine.forEach(d -> assertThat(attemptRows(d.id())).as("only the other replica's attempt").isEqualTo(1));
        assertThat(claimDue(outbox, "crm", expired.plus(LEASE.multipliedBy(2)), 10, LEASE)).as("not sent again")
                .isEmpty();
    }

    @Test
    void aLateReleaseFromAReplicaWhoseClaimWasTakenOverLeavesTheNewClaimAlone() {
        outbox.enqueue(event("e1", null, T0), to("crm"));
        Delivery mine = claimDue(outbox, "crm", T0, 10, LEASE).get(0);
        Instant expired = T0.plus(LEASE).plusSeconds(1);
        try (Store other = reopen()) {
            Delivery theirs = claimDue(other.outbox(), "crm", expired, 10, LEASE).get(0);

            assertThat(outbox.release(mine)).isFalse();

            assertThat(claimDue(outbox, "crm", expired.plusSeconds(1), 10, LEASE)).as("still the other's").isEmpty();
            assertThat(other.outbox().delivered(theirs, attempt(expired, 200), soon())).isTrue();
        }
        assertThat(history.count(DeliveryStatus.DELIVERED)).isEqualTo(1);
    }

    @Test
    void anOutcomeWrittenTwiceForOneClaimIsRecordedOnce() {
        outbox.enqueue(event("e1", null, T0), to("crm"));
        Delivery delivery = claimDue(outbox, "crm", T0, 10, LEASE).get(0);

        assertThat(outbox.delivered(delivery, attempt(T0, 200), soon())).isTrue();
        assertThat(outbox.delivered(delivery, attempt(T0, 200), soon())).as("the claim ended with the first").isFalse();
        assertThat(outbox.retryAt(delivery, T0.plusSeconds(1), attempt(T0, 500), soon())).isFalse();
        assertThat(outbox.release(delivery)).isFalse();

        assertThat(attemptRows(delivery.id())).isEqualTo(1);
        assertThat(list(history, Optional.empty(), 10)).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(v.attempts()).isEqualTo(1);
        });
    }

    @Test
    void outcomesSharingOneTransactionAreEachRecordedAndASecondForOneClaimChangesNothing() {
        for (String id : List.of("e1", "e2", "e3")) {
            outbox.enqueue(event(id, null, T0), to("crm"));
        }
        List<Delivery> claimed = claimDue(outbox, "crm", T0, 10, LEASE);
        SqlDialect dialect = SqlDialect.forUrl(url());
        Settles settles = new Settles(!dialect.singleWriter());
        Database database = StoreKit.open(dialect, url());
        List<Integer> changed;
        try {
            changed = database.lazyTransaction(sql -> {
                List<Sql.BatchRow> rows = List.of(
                        settles.add(sql, claimed.get(1), attempt(T0, 503), "pending", T0.plusSeconds(30), null),
                        settles.add(sql, claimed.get(0), attempt(T0, 200), "delivered", T0, "message-1"),
                        settles.add(sql, claimed.get(2), attempt(T0, 404), "dead", T0, null),
                        settles.add(sql, claimed.get(0), attempt(T0, 500), "pending", T0.plusSeconds(9), null));
                sql.flushBatches();
                return rows.stream().map(Sql.BatchRow::changed).toList();
            });
        } finally {
            database.close();
        }

        assertThat(changed).as("outcomes apply in their order: the second of one claim finds it ended")
                .containsExactly(1, 1, 1, 0);
        claimed.forEach(d -> assertThat(attemptRows(d.id())).as("one attempt each").isEqualTo(1));
        assertThat(history.count(DeliveryStatus.DELIVERED)).isEqualTo(1);
        assertThat(history.count(DeliveryStatus.DEAD)).isEqualTo(1);
        assertThat(claimDue(outbox, "crm", T0.plusSeconds(30), 10, LEASE)).as("the retry is due at its time")
                .singleElement().satisfies(d -> {
                    assertThat(d.id()).isEqualTo(claimed.get(1).id());
                    assertThat(d.attempts()).isEqualTo(1);
                });
    }

    @Test
    void aReplayEndsEveryClaimMadeBeforeIt() {
        outbox.enqueue(event("e1", null, T0), to("crm"));
        Delivery mine = claimDue(outbox, "crm", T0, 10, LEASE).get(0);
        Instant expired = T0.plus(LEASE).plusSeconds(1);
        try (Store other = reopen()) {
            other.outbox().dead(claimDue(other.outbox(), "crm", expired, 10, LEASE).get(0), attempt(expired, 404),
                    soon());
        }
        assertThat(maintenance.replayAllDead(expired.plusSeconds(1))).isEqualTo(1);

        assertThat(outbox.delivered(mine, attempt(T0, 200), soon())).as("a claim from before the replay").isFalse();

        assertThat(claimDue(outbox, "crm", expired.plusSeconds(1), 10, LEASE)).singleElement()
                .satisfies(d -> assertThat(d.attempts()).as("replayed, waiting to be sent").isZero());
    }

    @Test
    void anOutcomeAfterTheLeaseRanOutIsStillRecordedWhileNobodyElseClaimed() {
        outbox.enqueue(event("e1", null, T0), to("crm"));
        Delivery delivery = claimDue(outbox, "crm", T0, 10, LEASE).get(0);

        assertThat(outbox.delivered(delivery, attempt(T0.plus(LEASE).plusSeconds(1), 200), soon())).isTrue();

        assertThat(history.count(DeliveryStatus.DELIVERED)).isEqualTo(1);
    }

    @Test
    void aDeliveryNeverAttemptedShowsNoLastStatusAndANetworkErrorShowsZero() {
        outbox.enqueue(event("never", null, T0), to("slack"));
        outbox.enqueue(event("failed", null, T0), to("crm"));
        outbox.retryAt(claimDue(outbox, "crm", T0, 1, LEASE).get(0), T0.plusSeconds(5), attempt(T0, 0), soon());

        assertThat(list(history, Optional.empty(), 10)).extracting(DeliveryView::eventId, DeliveryView::lastStatus)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("never", null),
                        org.assertj.core.groups.Tuple.tuple("failed", 0));
    }

    @Test
    void keepsEveryAttemptWithItsOutcomeAnswerAndScheduledRetry() {
        outbox.enqueue(event("e1", "c1", T0), to("slack"));
        Delivery first = claimDue(outbox, "slack", T0, 1, LEASE).get(0);
        outbox.retryAt(first, T0.plusSeconds(5), new Attempt(T0, 503, "503 busy", Duration.ofMillis(40), "busy"),
                soon());
        Delivery second = claimDue(outbox, "slack", T0.plusSeconds(5), 1, LEASE).get(0);
        outbox.dead(second, new Attempt(T0.plusSeconds(5), 404, "404 gone", Duration.ofMillis(7), null), soon());

        long id = Long.parseLong(first.id());
        assertThat(history.attempts(id)).containsExactly(
                new AttemptView(1, T0, Duration.ofMillis(40), 503, "retry", "503 busy", "busy", T0.plusSeconds(5)),
                new AttemptView(2, T0.plusSeconds(5), Duration.ofMillis(7), 404, "dead", "404 gone", null, null));
        assertThat(history.delivery(id)).hasValueSatisfying(view -> {
            assertThat(view.status()).isEqualTo(DeliveryStatus.DEAD);
            assertThat(view.lastStatus()).isEqualTo(404);
            assertThat(view.lastAttemptAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(view.nextAttemptAt()).as("a dead delivery is not due").isNull();
            assertThat(view.acceptedAt()).isEqualTo(T0);
            assertThat(view.conversationId()).isEqualTo("c1");
        });
        assertThat(history.delivery(id + 1000)).isEmpty();
    }

    @Test
    void aDeliveryNotYetAttemptedHasNoLastStatusButIsDue() {
        outbox.enqueue(event("e1", null, T0), to("slack"));

        assertThat(history.find(DeliveryFilter.newest(10))).singleElement().satisfies(view -> {
            assertThat(view.attempts()).isZero();
            assertThat(view.lastStatus()).isNull();
            assertThat(view.lastAttemptAt()).isNull();
            assertThat(view.nextAttemptAt()).isEqualTo(T0);
        });
    }

    @Test
    void findsDeliveriesByEachFilterAndPagesThroughThemNewestFirst() {
        outbox.enqueue(event("e1", "c1", T0), to("slack", "crm"));
        outbox.enqueue(event("e2", "c2", T0.plusSeconds(60)), to("slack"));
        outbox.enqueue(event("e3", "c1", T0.plusSeconds(120)), to("crm"));
        outbox.dead(claimDue(outbox, "crm", T0, 1, LEASE).get(0), attempt(T0, 404), soon());

        DeliveryFilter all = DeliveryFilter.newest(10);
        assertThat(history.find(all.withDestination("slack"))).extracting(DeliveryView::eventId)
                .containsExactly("e2", "e1");
        assertThat(history.find(all.withEventId("e1"))).extracting(DeliveryView::destination)
                .containsExactly("crm", "slack");
        assertThat(history.find(all.withConversation("c1"))).extracting(DeliveryView::eventId)
                .containsExactly("e3", "e1", "e1");
        assertThat(history.find(all.withSince(T0.plusSeconds(60)))).extracting(DeliveryView::eventId)
                .containsExactly("e3", "e2");
        assertThat(history.find(all.withStatus(DeliveryStatus.DEAD).withDestination("crm")))
                .extracting(DeliveryView::eventId).containsExactly("e1");
        assertThat(history.find(all.withDestination("nowhere"))).isEmpty();

        List<DeliveryView> page1 = history.find(DeliveryFilter.newest(2));
        List<DeliveryView> page2 = history.find(DeliveryFilter.newest(2).withBefore(page1.get(1).id()));
        assertThat(page1).extracting(DeliveryView::eventId).containsExactly("e3", "e2");
        assertThat(page2).extracting(DeliveryView::eventId).containsExactly("e1", "e1");
    }

    @Test
    void listsEventsWithTheirDeliveriesFilteredByDestinationAndStatus() {
        outbox.enqueue(new RawEvent("e1", "lead-submission", null, "{}".getBytes(StandardCharsets.UTF_8), T0),
                to("slack", "crm"));
        outbox.enqueue(event("e2", "c2", T0.plusSeconds(60)), to("slack"));
        outbox.enqueue(event("e3", "c3", T0.plusSeconds(120)), List.of());
        outbox.dead(claimDue(outbox, "crm", T0, 1, LEASE).get(0), attempt(T0, 404), soon());

        EventFilter all = EventFilter.newest(10);
        assertThat(history.events(all)).extracting(EventSummary::id).containsExactly("e3", "e2", "e1");
        assertThat(history.events(all).get(2)).satisfies(e1 -> {
            assertThat(e1.type()).isEqualTo("lead-submission");
            assertThat(e1.sizeBytes()).isEqualTo(2);
            assertThat(e1.deliveries()).extracting(DeliveryView::destination, DeliveryView::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("slack", DeliveryStatus.PENDING),
                            org.assertj.core.groups.Tuple.tuple("crm", DeliveryStatus.DEAD));
        });
        assertThat(history.events(EventFilter.newest(10).withDestination("crm").withStatus(DeliveryStatus.DEAD)))
                .extracting(EventSummary::id).containsExactly("e1");
        assertThat(history.events(EventFilter.newest(10).withDestination("slack").withStatus(DeliveryStatus.DEAD)))
                .isEmpty();
        assertThat(history.events(EventFilter.newest(1).withType("chat").withBefore("e3")))
                .extracting(EventSummary::id).containsExactly("e2");
        assertThat(history.event("e1")).hasValueSatisfying(e -> assertThat(e.type()).isEqualTo("lead-submission"));
        assertThat(history.event("nope")).isEmpty();
    }

    @Test
    void countsEachDestinationsPendingDeadAndRecentlyDelivered() {
        outbox.enqueue(event("e1", null, T0), to("slack", "crm"));
        outbox.enqueue(event("e2", null, T0), to("slack", "crm"));
        outbox.delivered(claimDue(outbox, "slack", T0, 1, LEASE).get(0), attempt(T0, 200), soon());
        outbox.dead(claimDue(outbox, "crm", T0, 1, LEASE).get(0), attempt(T0, 404), soon());

        assertThat(history.countsByDestination(T0.minusSeconds(1))).containsExactly(
                new DestinationCounts("crm", 1, 1, 0), new DestinationCounts("slack", 1, 0, 1));
        assertThat(history.countsByDestination(T0.plusSeconds(1))).as("delivered before the hour began")
                .contains(new DestinationCounts("slack", 1, 0, 0));
    }

    @Test
    void theGaugesCountsFollowEveryChangeOfStatus() {
        try (StoreCounts counts = new StoreCounts(history, Duration.ofDays(1), Clock.fixed(T0, ZoneOffset.UTC))) {
            outbox.enqueue(event("e1", null, T0), to("slack", "crm", "sheet"));
            counts.count();
            assertThat(new double[] {counts.pending(), counts.dead()}).containsExactly(3, 0);

            outbox.delivered(claimDue(outbox, "slack", T0, 1, LEASE).get(0), attempt(T0, 200), soon());
            outbox.dead(claimDue(outbox, "crm", T0, 1, LEASE).get(0), attempt(T0, 404), soon());
            outbox.retryAt(claimDue(outbox, "sheet", T0, 1, LEASE).get(0), T0.plusSeconds(60), attempt(T0, 503),
                    soon());
            counts.count();
            assertThat(new double[] {counts.pending(), counts.dead()}).containsExactly(1, 1);
            assertThat(counts.byDestination()).as("the console's counts, delivered within the hour before T0")
                    .hasValueSatisfying(rows -> assertThat(rows).containsExactly(new DestinationCounts("crm", 0, 1, 0),
                            new DestinationCounts("sheet", 1, 0, 0), new DestinationCounts("slack", 0, 0, 1)));

            maintenance.replayAllDead(T0.plusSeconds(1));
            outbox.pruneDelivered(T0.plus(Duration.ofDays(30)));
            counts.count();
            assertThat(new double[] {counts.pending(), counts.dead()}).containsExactly(2, 0);
        }
    }

    @Test
    void theGaugesShowNoValueWhileTheStoreFailsAndCountAgainWhenItAnswers() {
        outbox.enqueue(event("e1", null, T0), to("slack"));
        try (StoreCounts counts = new StoreCounts(history, Duration.ofDays(1), Clock.fixed(T0, ZoneOffset.UTC))) {
            counts.count();
            store.close();
            assertThat(counts.pending()).as("the last count, read without the store").isEqualTo(1);

            counts.count();
            assertThat(counts.pending()).isNaN();
            assertThat(counts.dead()).isNaN();
            assertThat(counts.byDestination()).as("no stale counts for the console either").isEmpty();
        }
        use(reopen());
        try (StoreCounts counts = new StoreCounts(history, Duration.ofDays(1), Clock.fixed(T0, ZoneOffset.UTC))) {
            counts.count();
            assertThat(counts.pending()).isEqualTo(1);
        }
    }
}
