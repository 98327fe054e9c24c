package io.chatrelay.store;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a database has seen of its own faults: failing from the first failed write until a write
 * succeeds again, or for good once its file is gone. Logs each change of state once, not every
 * failure, so an outage cannot flood the log.
 */
final class StoreFaults {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFaults.class);

    private final Clock clock;
    private StoreHealth writes = StoreHealth.HEALTHY;
    private StoreHealth gone = StoreHealth.HEALTHY;

    StoreFaults(Clock clock) {
        this.clock = clock;
    }

    /** A write failed for a reason that more writes will not get past (full disk, I/O error, read-only file). */
    synchronized void writeFailed(String reason) {
        if (writes.healthy()) {
            LOG.error("store failing: {}; events get 503 and /readyz 503 until a write succeeds again", reason);
            writes = new StoreHealth(Optional.of(clock.instant()), reason);
        } else {
            writes = new StoreHealth(writes.failingSince(), reason);
        }
    }

    /** A write was committed: whatever failed before works again. */
    synchronized void writeSucceeded() {
        if (!writes.healthy()) {
            LOG.info("store recovered after {}s: writes succeed again", writes.failingFor(clock.instant()).toSeconds());
            writes = StoreHealth.HEALTHY;
        }
    }

    /** The file the store writes to is no longer the one its path names: nothing written now survives a restart. */
    synchronized void fileGone(String reason) {
        if (gone.healthy()) {
            LOG.error("store failing: {}; events get 503 and /readyz 503 until the relay restarts", reason);
            gone = new StoreHealth(Optional.of(clock.instant()), reason);
        }
    }

    synchronized boolean writesFailing() {
        return !writes.healthy();
    }

    synchronized boolean isFileGone() {
        return !gone.healthy();
    }

    /** The fault that has lasted longest, or healthy. */
    synchronized StoreHealth health() {
        if (gone.healthy()) {
            return writes;
        }
        if (writes.healthy()) {
            return gone;
        }
        return writes.failingFor(clock.instant()).compareTo(gone.failingFor(clock.instant())) >= 0 ? writes : gone;
    }
}
