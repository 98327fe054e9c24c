package io.chatrelay.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.deliver.DeliveryLog.Settled;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.StoppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The budget of the per-delivery lines: each destination writes up to ten lines of each outcome in
 * any one second; the rest are counted, and a destination that had any held back gets one summary
 * line a minute (WARN when retries or dead letters were among them). On a clock the test moves.
 */
class DeliveryLogTest {

    private static final String TAIL = " lines not written one by one (over 10 a second per outcome); "
            + "each delivery's story: events show ID or GET /admin/events/{id}";

    private final StoppedClock clock = new StoppedClock("2026-11-24T12:00:00Z");
    private final DeliveryLog log = new DeliveryLog(clock);

    @Test
    void writesEveryDeliveredLineAtLowRates() {
        try (LogCapture captured = new LogCapture()) {
            long written = IntStream.range(0, 600).filter(i -> { // ten a second for a minute
                clock.advance(Duration.ofMillis(100));
                return log.admits("slowsink", Settled.DELIVERED);
            }).count();
            log.summariseDue(clock.instant().plus(Duration.ofMinutes(5)));

            assertThat(written).isEqualTo(600);
            assertThat(summaries(captured, "slowsink")).as("nothing held back, nothing to sum up").isEmpty();
        }
    }

    @Test
    void holdsBackDeliveredLinesOverTenASecondAndSummarisesThemOnceAMinute() {
        try (LogCapture captured = new LogCapture()) {
            assertThat(admitted("busysink", Settled.DELIVERED, 25)).isEqualTo(10);
            clock.advance(Duration.ofSeconds(1));
            assertThat(admitted("busysink", Settled.DELIVERED, 25)).as("a new second, a new budget").isEqualTo(10);
            assertThat(admitted("busysink", Settled.SKIPPED, 3)).as("each outcome has its own").isEqualTo(3);

            log.summariseDue(Instant.parse("2026-11-24T12:00:59Z"));
            assertThat(summaries(captured, "busysink")).as("not before the minute is over").isEmpty();
            log.summariseDue(Instant.parse("2026-11-24T12:01:00Z"));
            log.summariseDue(Instant.parse("2026-11-24T12:01:01Z"));

            assertThat(summaries(captured, "busysink")).singleElement().asString().contains(" INFO ")
                    .endsWith("destination=busysink in the last 60s: 50 delivered, 0 retried, 0 dead, 3 skipped; 30"
                            + TAIL);
        }
    }

    @Test
    void retryFloodFromOneDestinationDoesNotHideAnothersLines() {
        try (LogCapture captured = new LogCapture()) {
            assertThat(admitted("downsink", Settled.RETRIED, 5_000)).isEqualTo(10);
            assertThat(admitted("downsink", Settled.DEAD, 12)).isEqualTo(10);
            assertThat(admitted("upsink", Settled.DELIVERED, 10)).as("another destination's budget").isEqualTo(10);
            assertThat(admitted("upsink", Settled.RETRIED, 1)).isEqualTo(1);

            log.summariseDue(clock.instant().plus(Duration.ofMinutes(1)));

            assertThat(summaries(captured, "downsink")).singleElement().asString().contains(" WARN ")
                    .endsWith("destination=downsink in the last 60s: 0 delivered, 5000 retried, 12 dead, 0 skipped; "
                            + "4992" + TAIL);
            assertThat(summaries(captured, "upsink")).isEmpty();
        }
    }

    @Test
    void aMinuteThatEndsWithADeliveryIsSummarisedByItForTheTimeItCovers() {
        try (LogCapture captured = new LogCapture()) {
            admitted("latesink", Settled.DELIVERED, 11);
            clock.advance(Duration.ofSeconds(95)); // no dispatcher pass in between

            assertThat(log.admits("latesink", Settled.DELIVERED)).isTrue();
            assertThat(summaries(captured, "latesink")).singleElement().asString()
                    .endsWith("destination=latesink in the last 95s: 11 delivered, 0 retried, 0 dead, 0 skipped; 1"
                            + TAIL);
            log.summariseDue(clock.instant().plus(Duration.ofMinutes(1)));
            assertThat(summaries(captured, "latesink")).as("the new minute held nothing back").hasSize(1);
        }
    }

    @Test
    void stoppingSummarisesTheMinuteSoFar() {
        try (LogCapture captured = new LogCapture()) {
            admitted("stopsink", Settled.DELIVERED, 12);
            admitted("quietsink", Settled.DELIVERED, 3);
            clock.advance(Duration.ofSeconds(20));

            log.summariseAll();

            assertThat(summaries(captured, "stopsink")).singleElement().asString()
                    .endsWith("destination=stopsink in the last 20s: 12 delivered, 0 retried, 0 dead, 0 skipped; 2"
                            + TAIL);
            assertThat(summaries(captured, "quietsink")).isEmpty();
        }
    }

    private long admitted(String destination, Settled outcome, int deliveries) {
        return IntStream.range(0, deliveries).filter(i -> log.admits(destination, outcome)).count();
    }

    private static List<String> summaries(LogCapture captured, String destination) {
        return captured.text().lines().filter(line -> line.contains("destination=" + destination + " in the last"))
                .toList();
    }

}
