package io.chatrelay.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite connection shared by the process, one transaction at a time. SQLite has a single
 * writer anyway; serialising here avoids busy retries. Transactions are begun explicitly so that
 * each can choose its sync level (a full sync, or none until the next checkpoint).
 */
final class SingleConnectionDatabase implements Database {

    private final Connection connection;
    private final Sql sql;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;
    private String synchronous = "FULL";

    private SingleConnectionDatabase(Connection connection) {
        this.connection = connection;
        this.sql = new Sql(connection, true);
    }

    static Database open(String url, SqlDialect dialect) {
        try {
            createParentDirectory(url);
            Connection connection = DriverManager.getConnection(url);
            dialect.configure(connection);
            connection.setAutoCommit(true); // transactions are begun explicitly, see run()
            return new SingleConnectionDatabase(connection);
        } catch (SQLException | IOException e) {
            throw new StoreUnavailableException("cannot open the store: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T transaction(Work<T> work) {
        return run(work, "FULL");
    }

    @Override
    public <T> T lazyTransaction(Work<T> work) {
        return run(work, "NORMAL");
    }

    private <T> T run(Work<T> work, String sync) {
        lock.lock();
        try {
            if (closed) {
                throw new StoreUnavailableException("the store is closed", null);
            }
            if (!sync.equals(synchronous)) {
                sql.prepare("PRAGMA synchronous=" + sync).execute(); // only allowed between transactions
                synchronous = sync;
            }
            sql.prepare("BEGIN IMMEDIATE").execute();
            try {
                T result = work.run(sql);
                sql.flushBatches();
                sql.prepare("COMMIT").execute();
                return result;
            } catch (SQLException | RuntimeException e) {
                sql.prepare("ROLLBACK").execute();
                throw e;
            } finally {
                sql.endTransaction();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("store error: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    private static void createParentDirectory(String url) throws IOException {
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        path = query >= 0 ? path.substring(0, query) : path;
        if (path.isEmpty() || path.equals(":memory:") || path.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            sql.closeAll();
            connection.close();
        } catch (SQLException ignored) {
            // closing: nothing left to protect
        } finally {
            lock.unlock();
        }
    }
}
