package io.chatrelay.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** How much a destination's sends give way to an ingest burst, and when a burst is the load. */
class GiveWayTest {

    private static final int CONCURRENCY = 8;
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final AtomicBoolean queueing = new AtomicBoolean();
    private final GiveWay giveWay = new GiveWay(queueing::get);

    @Test
    void fullConcurrencyWhileNothingQueues() {
        assertThat(giveWay.sendsAllowed(CONCURRENCY, START)).isEqualTo(CONCURRENCY);
    }

    @Test
    void oneSendAtATimeDuringABurst() {
        queueing.set(true);

        assertThat(giveWay.sendsAllowed(CONCURRENCY, START)).isEqualTo(1);
        assertThat(giveWay.sendsAllowed(CONCURRENCY, at(9_900))).isEqualTo(1);
    }

    @Test
    void aBurstThatGoesOnForTenSecondsIsTheLoadAndGetsFullConcurrency() {
        queueing.set(true);
        for (long millis = 0; millis < 10_000; millis += 500) {
            giveWay.sendsAllowed(CONCURRENCY, at(millis));
        }

        assertThat(giveWay.sendsAllowed(CONCURRENCY, at(10_000))).isEqualTo(CONCURRENCY);
    }

    @Test
    void queueingThatComesAndGoesIsStillOneBurst() {
        for (long millis = 0; millis < 10_000; millis += 500) {
            queueing.set(millis % 1000 == 0); // queueing half the time, never quiet for a second
            giveWay.sendsAllowed(CONCURRENCY, at(millis));
        }
        queueing.set(true);

        assertThat(giveWay.sendsAllowed(CONCURRENCY, at(10_000))).isEqualTo(CONCURRENCY);
    }

    @Test
    void aBurstAfterAQuietSpellGivesWayAgain() {
        queueing.set(true);
        for (long millis = 0; millis <= 10_000; millis += 500) {
            giveWay.sendsAllowed(CONCURRENCY, at(millis));
        }
        queueing.set(false);
        giveWay.sendsAllowed(CONCURRENCY, at(11_000));
        queueing.set(true);

        assertThat(giveWay.sendsAllowed(CONCURRENCY, at(10_000 + GiveWay.QUIET.toMillis() + 1)))
                .as("a new burst, more than %s after the last queueing", GiveWay.QUIET).isEqualTo(1);
    }

    private static Instant at(long millis) {
        return START.plus(Duration.ofMillis(millis));
    }
}
