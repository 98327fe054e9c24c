package io.chatrelay.store;

import io.chatrelay.tasks.Periodic;
import java.time.Duration;
import java.util.Optional;

/**
 * Notices a SQLite store file deleted or replaced under the running relay: its path no longer names
 * the file the store has open, so nothing written now would survive a restart. Recorded in the
 * store's faults for good. Looked at before each durable write and once a second by a check of
 * its own, which the database also uses to probe a failing store.
 */
final class StoreFileWatch implements AutoCloseable {

    /** How often the store's file is looked at (deleted, replaced) and a failed store probed. */
    static final Duration EVERY = Duration.ofSeconds(1);

    private final Optional<StoreFile> file;
    private final StoreFaults faults;
    private volatile Periodic timer; // null until started

    /** {@code file}: empty for a store with no file of its own (in memory). */
    StoreFileWatch(Optional<StoreFile> file, StoreFaults faults) {
        this.file = file;
        this.faults = faults;
    }

    /** True once the file is gone, now or before; the first time, records it in the faults. */
    boolean fileGone() {
        if (faults.isFileGone()) {
            return true;
        }
        if (file.isPresent() && !file.get().stillTheOpenedFile()) {
            faults.fileGone("the store file " + file.get().path() + " was deleted or replaced while the relay "
                    + "ran: writes to it would be lost at the next restart");
            return true;
        }
        return false;
    }

    /** Runs {@code check} every {@link #EVERY} until closed; a check that fails is tried again at the next. */
    void start(Runnable check) {
        timer = Periodic.every("relay-store-watch", EVERY, EVERY, () -> {
            try {
                check.run();
            } catch (RuntimeException e) {
                // a check that fails says nothing new: the writes report their own failures
            }
        });
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.close();
        }
    }
}
