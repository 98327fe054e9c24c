package io.chatrelay.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.LogCapture;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTest {

    private static final Duration SOON = Duration.ofMillis(1);

    @Test
    void aRunThatThrowsAnErrorIsOneFailedRunAndTheNextRunComes() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch worked = new CountDownLatch(1);
        try (LogCapture log = new LogCapture();
             Periodic task = Periodic.every("test-task", SOON, SOON, () -> {
                 switch (runs.incrementAndGet()) {
                     case 1 -> throw new StackOverflowError();
                     case 2 -> throw new ExceptionInInitializerError("a class failed to load");
                     default -> worked.countDown();
                 }
             })) {

            assertThat(worked.await(10, TimeUnit.SECONDS)).as("runs after two that threw Errors").isTrue();
            Eventually.holds("the end of the failures is logged", () -> log.text().contains("test-task: works again"));
            assertThat(log.text()).contains("test-task failed: StackOverflowError; it runs again in 1ms")
                    .contains("works again after 2 failures")
                    .doesNotContain("ExceptionInInitializerError; it runs again")
                    .doesNotContain("a class failed to load");
        }
    }

    @Test
    void aStepChoosesTheWaitBeforeTheNextRunAndAFailedRunWaitsTheFailureInterval() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch twoRuns = new CountDownLatch(2);
        try (Periodic task = Periodic.start("test-step", SOON, Duration.ofDays(1), () -> {
            runs.incrementAndGet();
            twoRuns.countDown();
            if (runs.get() == 2) {
                throw new IllegalStateException("store down");
            }
            return SOON;
        })) {
            assertThat(twoRuns.await(10, TimeUnit.SECONDS)).as("the second run came 1 ms after the first").isTrue();
            CountDownLatch marker = new CountDownLatch(1);
            try (Periodic later = Periodic.every("test-marker", Duration.ofMillis(300), SOON, marker::countDown)) {
                assertThat(marker.await(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(runs.get()).as("no run before the day after the failure").isEqualTo(2);
        }
    }

    @Test
    void noRunFollowsClose() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        Periodic task = Periodic.every("test-close", SOON, Duration.ofMillis(200), () -> {
            runs.incrementAndGet();
            ran.countDown();
        });
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        task.close();
        int closedAt = runs.get();

        CountDownLatch later = new CountDownLatch(1);
        try (Periodic after = Periodic.every("test-after", Duration.ofMillis(500), SOON, later::countDown)) {
            assertThat(later.await(10, TimeUnit.SECONDS)).as("a task started later has run").isTrue();
        }
        assertThat(runs.get()).as("runs of the closed task").isEqualTo(closedAt);
    }

    @Test
    void aRunInterruptedByCloseIsNotLoggedAsAFailure() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (LogCapture log = new LogCapture()) {
            Periodic task = Periodic.every("test-stopping", SOON, SOON, () -> {
                running.countDown();
                try {
                    new CountDownLatch(1).await(); // a store call that waits
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw new IllegalStateException("interrupted while committing");
                }
            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

            task.close();

            assertThat(interrupted.getCount()).as("close waited for the run it interrupted").isZero();
            assertThat(log.text()).doesNotContain("test-stopping");
        }
    }
}
