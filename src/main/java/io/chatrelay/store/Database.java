package io.chatrelay.store;

import java.sql.SQLException;

/** Runs units of work in transactions; how connections are held differs per database. */
interface Database extends AutoCloseable {

    /** A unit of work inside one transaction. */
    interface Work<T> {
        T run(Sql sql) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction, committed and synced to disk on return; any failure
     * rolls back and is a {@link StoreUnavailableException}. For what must never be lost: accepted events.
     */
    <T> T transaction(Work<T> work);

    /**
     * As {@link #transaction}, but the commit need not be synced before returning: it survives a
     * crash of the process, and a power cut can only undo it. For claims and delivery outcomes,
     * where undoing means a delivery is sent again, never that one is lost.
     */
    <T> T lazyTransaction(Work<T> work);

    boolean isOpen();

    /** Whether writes worked when last tried, and since when they have not: read from memory, never waits. */
    StoreHealth health();

    /** Whether writes work now, and since when they have not; tries a small write while they fail. May wait. */
    StoreHealth check();

    @Override
    void close();
}
