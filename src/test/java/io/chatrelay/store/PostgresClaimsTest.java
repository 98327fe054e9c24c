package io.chatrelay.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.StoreConfig;
import io.chatrelay.testkit.Postgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Claims on a real PostgreSQL, and presses racing on replicas that share it. */
class PostgresClaimsTest extends ClaimsContract {

    private String url;

    @Override
    String freshUrl() {
        url = Postgres.freshDatabase();
        return url;
    }

    @Test
    void pressesRacingOnReplicasProduceOneClaim() throws Exception {
        List<Store> replicas = List.of(store, Store.open(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION)),
                Store.open(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION)));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            for (int round = 0; round < 10; round++) {
                String id = "e" + round;
                escalation(id);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Claims.Taken>> presses = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    Claims replica = replicas.get(i % replicas.size()).claims();
                    String who = "agent" + i;
                    presses.add(pool.submit(() -> {
                        start.await();
                        return replica.take(press(id, who, Optional.empty(), T0.plusSeconds(60)));
                    }));
                }
                start.countDown();
                List<Claims.Taken> results = new ArrayList<>();
                for (Future<Claims.Taken> press : presses) {
                    results.add(press.get());
                }
                assertThat(results).filteredOn(t -> t.result() == Claims.Result.TOOK).hasSize(1);
                String winner = claims.claimOf(id).orElseThrow().byId();
                assertThat(results).allSatisfy(t -> assertThat(t.claim().orElseThrow().byId()).isEqualTo(winner));
            }
            assertThat(replicas.get(1).claims().linkKey()).isEqualTo(claims.linkKey());
        } finally {
            pool.shutdown();
            replicas.subList(1, replicas.size()).forEach(Store::close);
        }
    }
}
