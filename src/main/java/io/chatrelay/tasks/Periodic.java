package io.chatrelay.tasks;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background task run again and again on a daemon thread of its own, which outlives any failure
 * of one run. A {@link ScheduledExecutorService} stops a periodic task for good, and silently, the
 * first time it throws: an {@link Error} escaping the config watcher, the store watch or the slow
 * header check would have ended config reloads, deleted-store detection or the front door's
 * deadline until a restart, with nothing in the log. Here a run that throws anything is one failed
 * run: it is logged as a {@link FailureStreak} (the first, a reminder a minute, one line when the
 * task works again) and the next run comes as planned.
 *
 * <p>A failure is logged by its kind only: what escapes a task was not meant to reach the log, and
 * its message may hold what must not (a store URL with its password).
 */
public final class Periodic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

    /** One run of a task; returns how long to wait before the next. */
    public interface Step {
        Duration run() throws Exception;
    }

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private final String name;
    private final Duration afterFailure;
    private final Step step;
    private final FailureStreak failures = new FailureStreak(Clock.systemUTC());
    private final ScheduledExecutorService thread;
    private volatile boolean closed;

    private Periodic(String name, Duration afterFailure, Step step) {
        this.name = name;
        this.afterFailure = afterFailure;
        this.step = step;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, name);
            daemon.setDaemon(true);
            return daemon;
        });
    }

    /** Runs {@code task} after {@code first}, then {@code every} after each run ends. */
    public static Periodic every(String name, Duration first, Duration every, Runnable task) {
        return start(name, first, every, () -> {
            task.run();
            return every;
        });
    }

    /**
     * Runs {@code step} after {@code first}, then as long after each run as that run returned, or
     * {@code afterFailure} after a run that threw.
     */
    public static Periodic start(String name, Duration first, Duration afterFailure, Step step) {
        Periodic periodic = new Periodic(name, afterFailure, step);
        periodic.schedule(first);
        return periodic;
    }

    private void schedule(Duration wait) {
        try {
            thread.schedule(this::runOnce, wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            // closed meanwhile: no more runs
        }
    }

    private void runOnce() {
        Duration next;
        try {
            next = step.run();
            failures.worked().ifPresent(line -> LOG.info("{}: {}", name, line));
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
            return;
        } catch (Throwable e) { // whatever one run throws, the next run comes
            if (closed) {
                return; // interrupted by close: not a failure worth a line
            }
            next = afterFailure;
            failures.failed(e.getClass().getSimpleName()).ifPresent(line ->
                    LOG.error("{} failed: {}; it runs again in {}", name, line, afterFailure.toMillis() < 1_000
                            ? afterFailure.toMillis() + "ms" : afterFailure.toSeconds() + "s"));
        }
        if (!Thread.currentThread().isInterrupted()) {
            schedule(next);
        }
    }

    /**
     * Stops it: a run under way is interrupted, none follows, and what the interrupted run throws is
     * not logged as a failure. Waits up to {@link #CLOSE_WAIT} for that run to end.
     */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
