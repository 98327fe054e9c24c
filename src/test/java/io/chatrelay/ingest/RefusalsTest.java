package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefusalsTest {

    @Test
    void keepsTheNewestThreeHundredWhileManyThreadsRefuseAtOnce() throws Exception {
        Refusals refusals = new Refusals(Clock.systemUTC());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.submit(() -> {
                start.await();
                for (int i = 0; i < 1_000; i++) {
                    refusals.refused("shutting_down", 503, "10.0.0." + thread, OptionalLong.of(i), "t" + i, "stopping");
                }
                return null;
            });
        }
        start.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        refusals.refused("signature", 401, "10.0.0.9", OptionalLong.empty(), null, "no signature");

        List<Refusals.Refusal> kept = refusals.newestFirst();
        assertThat(kept).hasSize(Refusals.KEPT);
        assertThat(kept.get(0).address()).isEqualTo("10.0.0.9");
        assertThat(kept.get(0).topic()).isNull();
        for (int t = 0; t < 4; t++) { // each thread's refusals newest first, ending with its last
            String address = "10.0.0." + t;
            List<Long> sizes = kept.stream().filter(r -> r.address().equals(address))
                    .map(r -> r.sizeBytes().getAsLong()).toList();
            assertThat(sizes).isSortedAccordingTo(Comparator.reverseOrder());
            if (!sizes.isEmpty()) { // a thread that finished first may have been pushed out entirely
                assertThat(sizes.get(0)).isEqualTo(999L);
            }
        }
    }
}
