package io.chatrelay.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chatrelay.config.StoreConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * PostgreSQL through a HikariCP pool: transactions run in parallel, each on its own connection. A
 * transaction that fails for the server's sake (connection lost, a server that only reads after a
 * failover, a full disk) marks the store failing and retires its connection, so the next one may
 * reach a server that writes; only a committed event or a probe write marks it working again.
 */
final class PostgresDatabase implements Database {

    private static final int POOL_SIZE = 10;
    /** Run by the pool on every connection it opens, before any other use. */
    private static final String SESSION_SETTINGS = "SET statement_timeout = '30s'";
    /**
     * SQLSTATEs (or their classes) of faults in the server or the way to it: connection lost,
     * read-only (a standby), out of disk or memory, shut down, I/O error.
     */
    private static final List<String> STORAGE_FAULTS = List.of("08", "25006", "53", "57P", "58");

    private final HikariDataSource pool;
    private final StoreFaults faults;

    private PostgresDatabase(HikariDataSource pool, StoreFaults faults) {
        this.pool = pool;
        this.faults = faults;
    }

    static Database open(String url, StoreFaults faults) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setAutoCommit(false);
        config.addDataSourceProperty("reWriteBatchedInserts", "true"); // a batch of rows is one INSERT
        config.setPoolName("relay-store");
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(10_000); // and the first connection is opened now: fail at start
        config.setConnectionInitSql(SESSION_SETTINGS);
        try {
            return new PostgresDatabase(new HikariDataSource(config), faults);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot open the store: " + masked(e), e);
        }
    }

    /** Accepted events: one that commits proves that a failing store takes writes again. */
    @Override
    public <T> T transaction(Work<T> work) {
        return run(work, false, true);
    }

    /** Claims, outcomes and reads: they succeed on a server that only reads too, so they prove nothing. */
    @Override
    public <T> T lazyTransaction(Work<T> work) {
        return run(work, true, false);
    }

    private <T> T run(Work<T> work, boolean lazy, boolean provesRecovery) {
        if (pool.isClosed()) {
            throw new StoreUnavailableException("the store is closed", null);
        }
        try (Connection connection = pool.getConnection()) {
            try {
                if (lazy) {
                    try (java.sql.Statement statement = connection.createStatement()) {
                        statement.execute("SET LOCAL synchronous_commit = off");
                    }
                }
                T result = inTransaction(connection, work);
                if (provesRecovery) {
                    faults.writeSucceeded();
                }
                return result;
            } catch (SQLException | StoreUnavailableException e) {
                if (storageFault(e)) {
                    faults.writeFailed("store unavailable: " + masked(e));
                    pool.evictConnection(connection); // a new connection may reach the new primary
                }
                throw e instanceof StoreUnavailableException unavailable ? unavailable
                        : new StoreUnavailableException("store unavailable: " + masked(e), e);
            }
        } catch (SQLException e) {
            faults.writeFailed("store unavailable: " + masked(e));
            throw new StoreUnavailableException("store unavailable: " + masked(e), e);
        }
    }

    /**
     * A failure of the server or of the way to it, which the next transaction on this connection
     * would meet again, as opposed to one of this transaction's own statements (a constraint).
     */
    private static boolean storageFault(Exception failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        String state = cause == null ? null : ((SQLException) cause).getSQLState();
        return state != null && STORAGE_FAULTS.stream().anyMatch(state::startsWith);
    }

    /**
     * While writes fail, tries one that changes nothing to learn whether they work again: on a
     * server that only reads (a standby after a failover) a read would succeed and prove nothing.
     */
    @Override
    public StoreHealth health() {
        return faults.health();
    }

    @Override
    public StoreHealth check() {
        if (faults.writesFailing() && !pool.isClosed()) {
            try {
                run(sql -> sql.update("UPDATE replicas SET seen_at = seen_at WHERE 1 = 0"), true, true);
            } catch (StoreUnavailableException stillFailing) {
                // recorded by run()
            }
        }
        return faults.health();
    }

    @Override
    public boolean isOpen() {
        return !pool.isClosed();
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Runs {@code work} on {@code connection}, committing on success and rolling back on any failure. */
    private static <T> T inTransaction(Connection connection, Work<T> work) {
        Sql sql = new Sql(connection, false);
        try {
            T result = work.run(sql);
            sql.flushBatches();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the original failure is what matters
            }
            if (e instanceof StoreUnavailableException unavailable) {
                throw unavailable;
            }
            throw new StoreUnavailableException("store error: " + masked(e), e);
        } finally {
            sql.endTransaction();
        }
    }

    /** A driver's message may quote the JDBC URL; its password never reaches an error or a log. */
    private static String masked(Exception e) {
        return StoreConfig.mask(String.valueOf(e.getMessage()));
    }
}
