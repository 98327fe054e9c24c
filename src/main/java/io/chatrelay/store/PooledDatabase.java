package io.chatrelay.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chatrelay.config.StoreConfig;
import java.sql.Connection;
import java.sql.SQLException;

/** A HikariCP pool: transactions run in parallel, each on its own connection (PostgreSQL). */
final class PooledDatabase implements Database {

    private static final int POOL_SIZE = 10;

    private final HikariDataSource pool;
    private final StoreFaults faults;

    private PooledDatabase(HikariDataSource pool, StoreFaults faults) {
        this.pool = pool;
        this.faults = faults;
    }

    /** {@code sessionSettings}: SQL run on every connection the pool opens, before any other use. */
    static Database open(String url, String sessionSettings, StoreFaults faults) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setAutoCommit(false);
        config.addDataSourceProperty("reWriteBatchedInserts", "true"); // a batch of rows is one INSERT
        config.setPoolName("relay-store");
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(10_000); // and the first connection is opened now: fail at start
        config.setConnectionInitSql(sessionSettings);
        try {
            return new PooledDatabase(new HikariDataSource(config), faults);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot open the store: " + masked(e), e);
        }
    }

    @Override
    public <T> T transaction(Work<T> work) {
        return run(work, false);
    }

    @Override
    public <T> T lazyTransaction(Work<T> work) {
        return run(work, true);
    }

    private <T> T run(Work<T> work, boolean lazy) {
        if (pool.isClosed()) {
            throw new StoreUnavailableException("the store is closed", null);
        }
        try (Connection connection = pool.getConnection()) {
            if (lazy) {
                try (java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL synchronous_commit = off");
                }
            }
            T result = inTransaction(connection, work);
            faults.writeSucceeded();
            return result;
        } catch (SQLException e) {
            faults.writeFailed("store unavailable: " + masked(e));
            throw new StoreUnavailableException("store unavailable: " + masked(e), e);
        }
    }

    /** While the database is unreachable, tries a transaction to learn whether it answers again. */
    @Override
    public StoreHealth health() {
        if (faults.writesFailing() && !pool.isClosed()) {
            try {
                run(sql -> sql.count("SELECT 1"), true);
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
