package io.chatrelay.store;

import static io.chatrelay.store.StoreKit.claimDue;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.StoreConfig;
import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Outbox#enqueueOnce}: a body accepted again within the window is a copy, stored nothing
 * and counted on its first event, whatever database the store runs on.
 */
abstract class ReplayContract {

    static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration LEASE = Duration.ofSeconds(30);
    static final List<Target> TO_CRM = List.of(new Target("crm", "route-crm"));

    Store store;
    Outbox outbox;

    /** The URL of a fresh, empty database. */
    abstract String freshUrl();

    /** A fresh, empty store. */
    Store open() {
        return Store.open(new StoreConfig(freshUrl(), StoreConfig.DEFAULT_RETENTION));
    }

    @BeforeEach
    void openStore() {
        store = open();
        outbox = store.outbox();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static RawEvent event(String id, Instant at) {
        return new RawEvent(id, "chat", null, "{\"same\":true}".getBytes(StandardCharsets.UTF_8), at);
    }

    Outbox.Enqueued enqueue(Outbox into, String id, String digest, Instant at) {
        return into.enqueueOnce(event(id, at), TO_CRM, digest, at.minus(WINDOW));
    }

    @Test
    void aCopyWithinTheWindowStoresNothingAndIsCountedOnTheFirst() {
        assertThat(enqueue(outbox, "e1", "d1", T0)).isEqualTo(new Outbox.Enqueued("e1", false));
        assertThat(enqueue(outbox, "e2", "d1", T0.plusSeconds(1))).isEqualTo(new Outbox.Enqueued("e1", true));
        assertThat(enqueue(outbox, "e3", "d1", T0.plus(WINDOW).minusMillis(1)))
                .isEqualTo(new Outbox.Enqueued("e1", true));

        assertThat(claimDue(outbox, "crm", T0.plus(WINDOW), 10, LEASE)).extracting(d -> d.event().id())
                .containsExactly("e1");
        assertThat(store.history().event("e2")).isEmpty();
        assertThat(store.history().copies("e1")).isEqualTo(3);
    }

    @Test
    void aBodyFirstSeenAWindowAgoIsANewEvent() {
        enqueue(outbox, "e1", "d1", T0);

        assertThat(enqueue(outbox, "e2", "d1", T0.plus(WINDOW))).isEqualTo(new Outbox.Enqueued("e2", false));
        assertThat(enqueue(outbox, "e3", "d1", T0.plus(WINDOW).plusSeconds(1)))
                .as("the window now runs from the new event").isEqualTo(new Outbox.Enqueued("e2", true));

        assertThat(claimDue(outbox, "crm", T0.plus(WINDOW), 10, LEASE)).extracting(d -> d.event().id())
                .containsExactly("e1", "e2");
        assertThat(store.history().copies("e1")).isEqualTo(1);
        assertThat(store.history().copies("e2")).isEqualTo(2);
    }

    @Test
    void anotherDigestIsAnotherEvent() {
        enqueue(outbox, "e1", "d1", T0);

        assertThat(enqueue(outbox, "e2", "d2", T0)).isEqualTo(new Outbox.Enqueued("e2", false));
        assertThat(claimDue(outbox, "crm", T0, 10, LEASE)).hasSize(2);
    }

    @Test
    void copiesCommittedTogetherStoreTheEventOnce() throws Exception {
        List<Thread> senders = new java.util.ArrayList<>();
        List<Outbox.Enqueued> answers = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 16; i++) {
            String id = "e" + i;
            Thread sender = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answers.add(enqueue(outbox, id, "d1", T0));
            });
            sender.start();
            senders.add(sender);
        }
        start.countDown();
        for (Thread sender : senders) {
            sender.join();
        }

        List<String> stored = answers.stream().filter(a -> !a.duplicate()).map(Outbox.Enqueued::eventId).toList();
        assertThat(stored).hasSize(1);
        assertThat(answers).extracting(Outbox.Enqueued::eventId).containsOnly(stored.get(0));
        assertThat(claimDue(outbox, "crm", T0, 100, LEASE)).hasSize(1);
        assertThat(store.history().copies(stored.get(0))).isEqualTo(16);
    }

    @Test
    void retentionForgetsOldDigests() {
        enqueue(outbox, "e1", "d1", T0);
        outbox.pruneDelivered(T0.plusSeconds(1));

        // a window longer than the retention: the digest is gone with its (unrouted or delivered) event
        assertThat(outbox.enqueueOnce(event("e2", T0.plusSeconds(2)), TO_CRM, "d1", T0.minus(Duration.ofDays(30))))
                .isEqualTo(new Outbox.Enqueued("e2", false));
    }

    @Test
    void eventsStoredBeforeMigrationEightWereReceivedOnce() {
        store.close();
        String url = freshUrl();
        SqlDialect dialect = SqlDialect.forUrl(url);
        Database database = StoreKit.open(dialect, url);
        try {
            Migrations.apply(database, dialect, 7);
            database.transaction(sql -> sql.update("INSERT INTO events (id, type, conversation_id, body, received_at) "
                    + "VALUES (?, ?, ?, ?, ?)", "old", "chat", null, new byte[] {'{', '}'}, T0.toEpochMilli()));
        } finally {
            database.close();
        }

        store = Store.open(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION));
        outbox = store.outbox();

        assertThat(store.history().copies("old")).isEqualTo(1);
        assertThat(enqueue(outbox, "e1", "d1", T0)).isEqualTo(new Outbox.Enqueued("e1", false));
    }
}
