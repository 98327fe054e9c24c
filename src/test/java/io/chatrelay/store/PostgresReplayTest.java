package io.chatrelay.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.StoreConfig;
import io.chatrelay.testkit.Postgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Copies answered once on a real PostgreSQL, and by replicas receiving the same body at once. */
class PostgresReplayTest extends ReplayContract {

    private String url;

    @Override
    String freshUrl() {
        url = Postgres.freshDatabase();
        return url;
    }

    private Store reopen() {
        return Store.open(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION));
    }

    @Test
    void replicasReceivingTheSameBodyAtOnceStoreItOnce() throws Exception {
        List<Store> replicas = List.of(store, reopen(), reopen(), reopen());
        ExecutorService pool = Executors.newFixedThreadPool(replicas.size() * 4);
        List<Future<Outbox.Enqueued>> answers = new ArrayList<>();
        try {
            for (int round = 0; round < 20; round++) {
                CountDownLatch start = new CountDownLatch(1);
                String digest = "d" + round;
                for (int i = 0; i < replicas.size() * 4; i++) {
                    Outbox replica = replicas.get(i % replicas.size()).outbox();
                    String id = "r" + round + "-" + i;
                    answers.add(pool.submit(() -> {
                        start.await();
                        return enqueue(replica, id, digest, T0);
                    }));
                }
                start.countDown();
            }
            List<Outbox.Enqueued> all = new ArrayList<>();
            for (Future<Outbox.Enqueued> answer : answers) {
                all.add(answer.get());
            }

            assertThat(all.stream().filter(a -> !a.duplicate())).hasSize(20);
            assertThat(StoreKit.claimDue(outbox, "crm", T0, 1_000, LEASE)).hasSize(20);
            for (Outbox.Enqueued stored : all.stream().filter(a -> !a.duplicate()).toList()) {
                assertThat(store.history().copies(stored.eventId())).isEqualTo(replicas.size() * 4);
                assertThat(all.stream().filter(a -> a.eventId().equals(stored.eventId()))).hasSize(replicas.size() * 4);
            }
        } finally {
            pool.shutdown();
            replicas.subList(1, replicas.size()).forEach(Store::close);
        }
    }
}
