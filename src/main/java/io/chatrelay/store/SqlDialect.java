package io.chatrelay.store;

import io.chatrelay.config.StoreConfig;
import io.chatrelay.config.StoreKind;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the databases the outbox runs on. The outbox's statements are written once
 * in portable SQL; a dialect supplies the database (its connections and their settings), the
 * schema and the claim statement.
 */
interface SqlDialect {

    /** The dialect of the database {@code url} names (see {@link StoreKind}). */
    static SqlDialect forUrl(String url) {
        StoreKind kind = StoreKind.of(url).orElseThrow(() -> new StoreUnavailableException("no store for "
                + StoreConfig.mask(url) + " (jdbc:sqlite: and jdbc:postgresql: are supported)", null));
        return switch (kind) {
            case SQLITE -> new SqliteDialect();
            case POSTGRESQL -> new PostgresDialect();
        };
    }

    /** Opens the database behind {@code url}. */
    Database open(String url, StoreFaults faults);

    /** Schema migrations in order; migration {@code n} (1-based) brings the schema to version {@code n}. */
    List<String> migrations();

    /** Keeps two processes from migrating at once; held until the transaction ends. */
    void lockSchema(Sql sql) throws SQLException;

    /**
     * Claims due deliveries of one destination and returns them: at most {@code max}, only the
     * oldest pending delivery of each conversation, none that another process holds.
     */
    List<Delivery> claim(Sql sql, String destination, long now, int max, long leaseUntil, String owner)
            throws SQLException;

    /**
     * What ends a {@code SELECT} that reads a delivery about to be written in the same transaction,
     * so that nobody else changes it in between: {@code FOR UPDATE} where rows are locked one by one.
     */
    String lockRows();

    /**
     * {@code column} as an expression for a condition that only filters the rows another condition
     * found, never finds them itself. SQLite keeps no statistics: it drives a query from whichever
     * index matches the most equalities, so {@code d.status = ? AND d.destination = ?} would read
     * every delivery of that status and destination where an event's own index finds its one or
     * two deliveries directly; a unary {@code +} keeps it from that index. PostgreSQL weighs each
     * index with its statistics and gets the column itself.
     */
    default String filterOnly(String column) {
        return column;
    }

    /** True when one process owns the store, so leases left by a crashed run may be released at start. */
    boolean singleProcess();

    /**
     * True when the store takes one write at a time anyway (one connection): claims and delivery
     * outcomes then join ingest's group commit instead of paying a transaction each. Where
     * connections write in parallel (PostgreSQL) they keep their own, so as not to queue behind ingest.
     */
    boolean singleWriter();
}
