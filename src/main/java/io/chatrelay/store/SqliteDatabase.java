package io.chatrelay.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * One SQLite connection shared by the process, one transaction at a time. SQLite has a single
 * writer anyway; serialising here avoids busy retries. Transactions are begun explicitly so that
 * each can choose its sync level (a full sync, or none until the next checkpoint).
 *
 * <p>A failed transaction leaves nothing behind: its statements are discarded (prepared again when
 * next used), it is rolled back, and when even that fails the connection is reopened. So a full
 * disk fails writes only while it is full. Once a second its
 * {@link StoreFileWatch} checks that the path still names the file it has open, and while writes
 * fail the store tries a small write to learn when they work again.
 */
final class SqliteDatabase implements Database {

    /** Result codes of faults in the file or the disk under it, as opposed to a bad statement. */
    private static final Set<SQLiteErrorCode> STORAGE_FAULTS = EnumSet.of(SQLiteErrorCode.SQLITE_BUSY,
            SQLiteErrorCode.SQLITE_LOCKED, SQLiteErrorCode.SQLITE_NOMEM, SQLiteErrorCode.SQLITE_READONLY,
            SQLiteErrorCode.SQLITE_IOERR, SQLiteErrorCode.SQLITE_CORRUPT, SQLiteErrorCode.SQLITE_FULL,
            SQLiteErrorCode.SQLITE_CANTOPEN, SQLiteErrorCode.SQLITE_PROTOCOL, SQLiteErrorCode.SQLITE_NOTADB);
    private static final String PROBE_ID = "store-probe";
    private static final int PROBE_BYTES = 8_192;

    private final String url;
    private final StoreFaults faults;
    private final StoreFileWatch watch;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection; // null after a failure that even a rollback could not clean up
    private Sql sql;
    private String synchronous;
    private volatile boolean closed;

    private SqliteDatabase(String url, Optional<StoreFile> file, StoreFaults faults, Connection connection) {
        this.url = url;
        this.faults = faults;
        this.watch = new StoreFileWatch(file, faults);
        use(connection);
        watch.start(this::check);
    }

    static Database open(String url, StoreFaults faults) {
        Optional<StoreFile> file = StoreFile.of(url);
        try {
            if (file.isPresent()) {
                file.get().prepare();
            }
            Connection connection = connect(url);
            if (file.isPresent()) {
                file.get().remember();
            }
            return new SqliteDatabase(url, file, faults, connection);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot open the store: " + file.flatMap(StoreFile::whyNotOpened)
                    .orElse(e.getMessage()), e);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot open the store: " + StoreFile.describe(e), e);
        }
    }

    /**
     * A connection with WAL journal, full sync on commit, a busy timeout and foreign keys enforced.
     * The driver is told not to look up each insert's generated key: nothing reads them, and the
     * look-up prepared a statement anew for every row inserted one at a time (an outcome's attempt).
     */
    private static Connection connect(String url) throws SQLException {
        Properties driver = new Properties();
        driver.setProperty(SQLiteConfig.Pragma.JDBC_GET_GENERATED_KEYS.pragmaName, "false");
        Connection connection = DriverManager.getConnection(url, driver);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA busy_timeout=10000");
            statement.execute("PRAGMA foreign_keys=ON");
            connection.setAutoCommit(true); // transactions are begun explicitly, see run()
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private void use(Connection opened) {
        connection = opened;
        sql = new Sql(opened, true);
        synchronous = "FULL"; // as connect() left it
    }

    /**
     * Accepted events: refused once the file is gone, since nothing written to it survives a
     * restart. One that writes proves the store takes events again after a fault.
     */
    @Override
    public <T> T transaction(Work<T> work) {
        return run(work, "FULL", true);
    }

    /**
     * Claims and outcomes go on in a deleted file, so that events accepted before still go out.
     * Their small updates can succeed on a full disk, so they prove nothing about recovery.
     */
    @Override
    public <T> T lazyTransaction(Work<T> work) {
        return run(work, "NORMAL", false);
    }

    private <T> T run(Work<T> work, String sync, boolean durable) {
        lock.lock();
        try {
            if (closed) {
                throw new StoreUnavailableException("the store is closed", null);
            }
            if (durable && watch.fileGone()) {
                throw new StoreUnavailableException("the store file was deleted or replaced", null);
            }
            return attempt(work, sync, durable);
        } finally {
            lock.unlock();
        }
    }

    private <T> T attempt(Work<T> work, String sync, boolean provesRecovery) {
        try {
            if (connection == null) {
                if (watch.fileGone()) {
                    throw new StoreUnavailableException("the store file was deleted or replaced", null);
                }
                use(connect(url));
            }
            if (!sync.equals(synchronous)) {
                sql.prepare("PRAGMA synchronous=" + sync).execute(); // only allowed between transactions
                synchronous = sync;
            }
            long changesBefore = changes();
            sql.prepare("BEGIN IMMEDIATE").execute();
            T result = work.run(sql);
            sql.flushBatches();
            sql.prepare("COMMIT").execute();
            sql.endTransaction();
            if (provesRecovery && changes() != changesBefore) {
                faults.writeSucceeded();
            }
            return result;
        } catch (SQLException e) {
            discardTransaction();
            if (STORAGE_FAULTS.contains(SQLiteErrorCode.getErrorCode(e.getErrorCode()))) { // the primary code
                faults.writeFailed(e.getMessage());
            }
            throw new StoreUnavailableException("store error: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            discardTransaction(); // whatever ends a unit of work early, no transaction stays open
            throw e;
        }
    }

    private long changes() throws SQLException {
        return connection.unwrap(SQLiteConnection.class).getDatabase().total_changes();
    }

    /**
     * Leaves no trace of a failed transaction: its statements are closed, not reused (one that
     * failed mid-step cannot run again), and it is rolled back on a statement of its own. SQLite
     * rolls back by itself after some faults (a full disk), so "no transaction is active" is fine;
     * any other failure to roll back closes the connection, to be reopened by the next transaction.
     */
    private void discardTransaction() {
        if (connection == null) {
            return;
        }
        sql.closeAll();
        sql = new Sql(connection, true);
        try (Statement rollback = connection.createStatement()) {
            rollback.execute("ROLLBACK");
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                closeConnection();
            }
        }
    }

    private void closeConnection() {
        try {
            sql.closeAll();
            connection.close();
        } catch (SQLException ignored) {
            // closing a broken connection: the next transaction opens a new one
        }
        connection = null;
        sql = null;
    }

    /**
     * Checks the file, and while writes fail tries one that needs new pages, as an event does: a
     * row of a few pages, deleted again in the same transaction.
     */
    @Override
    public StoreHealth health() {
        return faults.health();
    }

    @Override
    public StoreHealth check() {
        watch.fileGone();
        if (faults.writesFailing() && !faults.isFileGone()) {
            lock.lock();
            try {
                if (!closed) {
                    attempt(sql -> {
                        sql.update("INSERT INTO events (id, type, body, received_at) VALUES (?, ?, zeroblob(?), 0)",
                                PROBE_ID, PROBE_ID, PROBE_BYTES);
                        return sql.update("DELETE FROM events WHERE id = ?", PROBE_ID);
                    }, "NORMAL", true);
                }
            } catch (StoreUnavailableException stillFailing) {
                // recorded by attempt(); the next check tries again
            } finally {
                lock.unlock();
            }
        }
        return faults.health();
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        watch.close();
        lock.lock();
        try {
            closed = true;
            if (connection != null) {
                closeConnection();
            }
        } finally {
            lock.unlock();
        }
    }
}
