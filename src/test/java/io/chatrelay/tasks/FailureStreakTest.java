package io.chatrelay.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.ManualClock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FailureStreakTest {

    private final ManualClock clock = new ManualClock();
    private final FailureStreak failures = new FailureStreak(clock);

    @Test
    void aStoreDownForAnHourCostsAboutOneLineAMinuteNotOneASecond() {
        long lines = IntStream.range(0, 3_600).filter(second -> {
            Optional<String> line = failures.failed("store unavailable");
            clock.advance(Duration.ofSeconds(1));
            return line.isPresent();
        }).count();

        assertThat(lines).isBetween(60L, 61L);
    }

    @Test
    void saysTheFirstFailureAtOnceAndHowManyFollowedWhenItRemindsAndWhenTheLoopWorksAgain() {
        assertThat(failures.failed("store unavailable")).contains("store unavailable");
        assertThat(failures.failed("store unavailable")).isEmpty();
        clock.advance(FailureStreak.REMIND_EVERY);
        assertThat(failures.failed("store unavailable")).hasValueSatisfying(line ->
                assertThat(line).startsWith("still failing, 3 times since ").endsWith(": store unavailable"));

        assertThat(failures.worked()).hasValueSatisfying(line -> assertThat(line).startsWith("works again after 3 failures"));
        assertThat(failures.worked()).isEmpty();
        assertThat(failures.failed("store unavailable")).contains("store unavailable");
    }
}
