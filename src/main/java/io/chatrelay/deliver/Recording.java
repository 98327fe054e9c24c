package io.chatrelay.deliver;

import io.chatrelay.config.Redactor;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.log.LogSafe;
import io.chatrelay.store.Attempt;
import io.chatrelay.store.Deadline;
import io.chatrelay.store.Delivery;
import io.chatrelay.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Recording a send's outcome in the outbox: fenced by its claim, tried again while the store fails briefly. */
final class Recording {

    private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);
    /** Waits between tries to record an outcome; all the tries together end within the lease's margin. */
    private static final Duration[] RECORD_RETRIES = Stream.of(50, 100, 200, 400, 750, 1000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private final Clock clock;
    private final Redactor redactor;

    Recording(Clock clock, Redactor redactor) {
        this.clock = clock;
        this.redactor = redactor;
    }

    /** One outcome write, given the deadline by which it must be stored or not at all. */
    interface OutcomeWrite {
        boolean write(Deadline deadline);
    }

    /**
     * Records an outcome; false, after one warning, if the claim had passed to someone else. While
     * the store is unavailable (a database failover) it tries again, within the lease's margin in
     * all: the message has gone out, and if its outcome is not recorded the claim lapses and the
     * message goes out a second time. A try that gave up stored nothing, so no outcome is stored twice.
     */
    boolean record(Delivery delivery, Attempt attempt, String outcome, OutcomeWrite write) {
        Deadline deadline = Deadline.in(RelayConfig.LEASE_MARGIN, clock);
        for (int tries = 0; ; tries++) {
            try {
                if (write.write(deadline)) {
                    return true;
                }
                LOG.warn("{} {} status={} not recorded: its claim had ended (it was taken over or given back "
                        + "meanwhile)", outcome, Attempts.what(delivery), attempt.status());
                return false;
            } catch (StoreUnavailableException e) {
                Duration wait = RECORD_RETRIES[Math.min(tries, RECORD_RETRIES.length - 1)];
                Duration left = deadline.left();
                if (left.compareTo(wait) <= 0) {
                    throw e;
                }
                LOG.warn("delivery={}: recording its outcome failed ({}); trying again in {}", delivery.id(),
                        LogSafe.value(redactor.redact(e.getMessage())), Attempts.human(wait));
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
