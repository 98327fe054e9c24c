package io.chatrelay.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What {@code /healthz} and {@code /readyz} read: the store as the background check last found it. */
class HealthProbeTest {

    private final ManualClock clock = new ManualClock();
    private final FakeStore store = new FakeStore();
    private final HealthProbe probe = new HealthProbe(store, clock);

    @Test
    void isReadyAfterAReadThatSucceeded() {
        probe.check();

        assertThat(probe.ready(clock.instant())).isTrue();
        assertThat(probe.health().healthy()).isTrue();
    }

    @Test
    void aReadThatFailsMakesTheStoreUnreadyAtOnce() {
        probe.check();
        store.read.set(new StoreUnavailableException("disk I/O error", null));
        probe.check();

        assertThat(probe.ready(clock.instant())).isFalse();
    }

    @Test
    void aReadNotFinishedForFiveSecondsMakesTheStoreUnready() {
        probe.check();
        clock.advance(Duration.ofSeconds(4));
        assertThat(probe.ready(clock.instant())).as("the last read is still recent").isTrue();

        clock.advance(Duration.ofSeconds(2)); // the next check hangs behind a lock held elsewhere
        assertThat(probe.ready(clock.instant())).isFalse();
    }

    @Test
    void failingWritesAreKnownAtOnceWithTheirStartAndMakeTheStoreUnready() {
        probe.check();
        Instant since = clock.instant();
        store.health.set(new StoreHealth(Optional.of(since), "disk full")); // an event's write failed

        assertThat(probe.health().failingSince()).contains(since);
        assertThat(probe.ready(clock.instant())).isFalse();
    }

    /** A store whose answers the test sets. */
    private static final class FakeStore implements Maintenance {
        final AtomicReference<StoreHealth> health = new AtomicReference<>(StoreHealth.HEALTHY);
        final AtomicReference<RuntimeException> read = new AtomicReference<>();

        @Override
        public int replay(List<Long> ids, ActionSource source, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int replayAllDead(Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean retryNow(long id, ActionSource source, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean resend(long id, ActionSource source, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int replayDead(DeliveryFilter filter, ActionSource source, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void probe() {
            if (read.get() != null) {
                throw read.get();
            }
        }

        @Override
        public StoreHealth health() {
            return health.get();
        }

        @Override
        public StoreHealth check() {
            return health.get();
        }
    }
}
