package io.chatrelay.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transaction's handle on its connection. On SQLite's single long-lived connection statements are
 * prepared once and reused (parsing SQL was a large share of each event's cost); on a pooled
 * connection they are closed when the transaction ends and the driver caches the plans.
 */
final class Sql {

    private final Connection connection;
    private final boolean reuse;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private final List<PreparedStatement> transientStatements = new ArrayList<>();
    private final Map<String, PreparedStatement> batches = new LinkedHashMap<>();
    private final Map<String, List<BatchRow>> batchRows = new HashMap<>();

    /** A row added to a batch: once the batch has run, {@link #changed} is how many rows it changed. */
    static final class BatchRow {
        private int changed = -1;

        /** Rows changed by this row's statement; -1 before its batch ran (or when the driver does not say). */
        int changed() {
            return changed;
        }

        /** For a row run at once rather than in a batch. */
        void changed(int rows) {
            changed = rows;
        }
    }

    Sql(Connection connection, boolean reuse) {
        this.connection = connection;
        this.reuse = reuse;
    }

    Connection connection() {
        return connection;
    }

    /** A prepared statement for {@code sql}, parameters cleared. Do not close it: the transaction owns it. */
    PreparedStatement prepare(String sql) throws SQLException {
        if (!reuse) {
            PreparedStatement statement = connection.prepareStatement(sql);
            transientStatements.add(statement);
            return statement;
        }
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        } else {
            statement.clearParameters();
            statement.clearBatch();
        }
        return statement;
    }

    /**
     * A statement to add rows to with {@code addBatch()}: every such statement of a transaction runs
     * once, in the order first asked for, when the transaction commits. Many events committed
     * together then cost one round trip per table, not one per row.
     */
    PreparedStatement batch(String sql) throws SQLException {
        PreparedStatement statement = batches.get(sql);
        if (statement == null) {
            statement = prepare(sql);
            batches.put(sql, statement);
        }
        return statement;
    }

    /**
     * Adds one row with these parameters to the {@link #batch} statement for {@code sql}; the row's
     * update count is known once the batch has run.
     */
    BatchRow addToBatch(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = batch(sql);
        bind(statement, parameters);
        statement.addBatch();
        BatchRow row = new BatchRow();
        batchRows.computeIfAbsent(sql, key -> new ArrayList<>()).add(row);
        return row;
    }

    /**
     * Runs what was added to {@link #batch} statements, in the order they were first asked for, and
     * tells each {@link BatchRow} what it changed; the transaction calls it before committing.
     */
    void flushBatches() throws SQLException {
        try {
            for (Map.Entry<String, PreparedStatement> batch : batches.entrySet()) {
                int[] counts = batch.getValue().executeBatch();
                List<BatchRow> rows = batchRows.getOrDefault(batch.getKey(), List.of());
                if (rows.size() == counts.length) {
                    for (int i = 0; i < counts.length; i++) {
                        rows.get(i).changed = counts[i];
                    }
                }
            }
        } finally {
            batches.clear();
            batchRows.clear();
        }
    }

    /** Runs an insert, update or delete with these parameters; returns the rows changed. */
    int update(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = prepare(sql);
        bind(statement, parameters);
        return statement.executeUpdate();
    }

    /** Runs a {@code SELECT COUNT(*)} with these parameters; returns the count. */
    long count(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = prepare(sql);
        bind(statement, parameters);
        try (ResultSet row = statement.executeQuery()) {
            return row.next() ? row.getLong(1) : 0L;
        }
    }

    /** A prepared statement for {@code sql} with these parameters bound, to run a query on. */
    PreparedStatement bound(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = prepare(sql);
        bind(statement, parameters);
        return statement;
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    /** Ends a transaction: statements that are not kept are closed. */
    void endTransaction() {
        for (PreparedStatement statement : batches.values()) {
            try {
                statement.clearBatch(); // rows of a transaction that failed before its commit
            } catch (SQLException ignored) {
                // closed with the connection
            }
        }
        batches.clear();
        batchRows.clear();
        for (PreparedStatement statement : transientStatements) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection goes back to the pool either way
            }
        }
        transientStatements.clear();
    }

    void closeAll() {
        endTransaction();
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
        prepared.clear();
    }
}
