package io.chatrelay.deliver;

import io.chatrelay.store.Outbox;
import java.time.Duration;
import java.time.Instant;

/**
 * What the replicas sharing one store tell each other, every couple of seconds: this one is alive
 * (so each keeps to its share of every rate limit), and which destinations any of them was told to
 * hold (a 429's pause). Used by the dispatcher's loop thread.
 */
final class Replicas {

    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(2);
    /** A replica whose last heartbeat is older than this is counted out. */
    private static final Duration REPLICA_WINDOW = Duration.ofSeconds(10);

    private final Outbox outbox;
    private final RateLimiter limiter;
    private Instant nextHeartbeat = Instant.MIN;

    Replicas(Outbox outbox, RateLimiter limiter) {
        this.outbox = outbox;
        this.limiter = limiter;
    }

    /** Sends this replica's heartbeat and learns the others' state, when the last was long enough ago. */
    void shareWhenDue(Instant now) {
        if (now.isBefore(nextHeartbeat)) {
            return;
        }
        nextHeartbeat = now.plus(HEARTBEAT_EVERY);
        limiter.shareAmong(outbox.shared().heartbeat(now, REPLICA_WINDOW));
        outbox.shared().pauses(now).forEach(limiter::pauseUntil);
    }
}
