package io.chatrelay.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.simple.SimpleServiceProvider;

class LibraryLoggerTest {

    @Test
    void aLibrarysWarningIsCutEscapedWithoutTraceAndOncePerMinute() {
        ManualClock clock = new ManualClock();
        SimpleServiceProvider simple = new SimpleServiceProvider();
        simple.initialize();
        LibraryLogger logger = new LibraryLogger(simple.getLoggerFactory().getLogger("org.eclipse.jetty.http.HttpParser"),
                new LogBudget(clock));
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 100; i++) {
                logger.warn("multiple Host headers: `{}`", "x".repeat(15_000) + "\nFORGED line",
                        new IllegalStateException("deep\ninside"));
            }
            clock.advance(Duration.ofMinutes(1));
            logger.warn("multiple Host headers: `{}`", "short");

            String text = log.text();
            assertThat(text.lines().filter(line -> line.contains("multiple Host headers"))).hasSize(2);
            assertThat(text).doesNotContain("x".repeat(201)).doesNotContain("\nFORGED").doesNotContain("\tat ")
                    .contains("IllegalStateException: deep\\ninside at ")
                    .contains("(and 99 more like it since ");
        }
    }
}
