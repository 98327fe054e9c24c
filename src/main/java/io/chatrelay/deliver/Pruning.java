package io.chatrelay.deliver;

import io.chatrelay.log.LogSafe;
import io.chatrelay.store.Outbox;
import io.chatrelay.tasks.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes what was delivered longer than the retention ago: at start, then every hour, on a thread
 * of its own. The first prune of a large store takes seconds (a million deliveries: about 3 s), and
 * one held up by a lock in the database waits up to the statement timeout: delivery must not wait
 * for either, as it did while pruning ran on the dispatch loop.
 */
final class Pruning implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pruning.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final Outbox outbox;
    private final Clock clock;
    private final Supplier<Duration> retention;
    private final UnaryOperator<String> redact;
    private volatile Periodic timer;

    /** {@code retention}: the current config's; {@code redact}: hides secrets in a failure's message. */
    Pruning(Outbox outbox, Clock clock, Supplier<Duration> retention, UnaryOperator<String> redact) {
        this.outbox = outbox;
        this.clock = clock;
        this.retention = retention;
        this.redact = redact;
    }

    void start() {
        timer = Periodic.every("relay-prune", Duration.ZERO, EVERY, this::prune);
    }

    private void prune() {
        Duration keep = retention.get();
        try {
            int pruned = outbox.pruneDelivered(clock.instant().minus(keep));
            if (pruned > 0) {
                LOG.info("pruned {} deliveries delivered more than {} ago", pruned, keep);
            }
        } catch (Throwable e) { // a failed prune is tried again in an hour; the timer must not stop for it
            Throwables.rethrowIfFatal(e);
            LOG.warn("pruning failed: {}; next try in {}", LogSafe.value(redact.apply(Throwables.describe(e))), EVERY);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.close();
        }
    }
}
