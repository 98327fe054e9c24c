package io.chatrelay.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * PostgreSQL, for several replicas on one store: a connection pool, and claims in one statement
 * with {@code FOR UPDATE SKIP LOCKED}, so replicas never wait for each other nor take the same row.
 */
final class PostgresDialect implements SqlDialect {

    /** Any constant: the key of the advisory lock that serialises migrations across replicas. */
    private static final long MIGRATION_LOCK = 0x6368617472656c61L;

    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE events (
              id TEXT PRIMARY KEY,
              type TEXT NOT NULL,
              conversation_id TEXT,
              body BYTEA NOT NULL,
              received_at BIGINT NOT NULL
            );
            CREATE TABLE deliveries (
              id BIGSERIAL PRIMARY KEY,
              event_id TEXT NOT NULL REFERENCES events(id),
              destination TEXT NOT NULL,
              route TEXT NOT NULL,
              order_key TEXT,
              status TEXT NOT NULL,
              attempts INTEGER NOT NULL DEFAULT 0,
              next_attempt_at BIGINT NOT NULL,
              lease_until BIGINT,
              lease_owner TEXT,
              last_status INTEGER,
              last_reason TEXT,
              updated_at BIGINT NOT NULL
            );
            CREATE INDEX deliveries_due ON deliveries (destination, status, next_attempt_at);
            CREATE INDEX deliveries_conversation ON deliveries (destination, order_key, status, id);
            CREATE INDEX deliveries_status ON deliveries (status, updated_at);
            CREATE INDEX deliveries_event ON deliveries (event_id);
            CREATE TABLE attempts (
              delivery_id BIGINT NOT NULL,
              number INTEGER NOT NULL,
              at BIGINT NOT NULL,
              status INTEGER NOT NULL,
              reason TEXT,
              duration_ms BIGINT NOT NULL,
              PRIMARY KEY (delivery_id, number)
            );
            """, """
            CREATE TABLE threads (
              destination TEXT NOT NULL,
              conversation_id TEXT NOT NULL,
              thread_id TEXT NOT NULL,
              created_at BIGINT NOT NULL,
              PRIMARY KEY (destination, conversation_id)
            );
            """, Schema.SHARED_STATE, """
            ALTER TABLE deliveries ADD COLUMN claim BIGINT NOT NULL DEFAULT 0;
            """, Schema.ATTEMPT_HISTORY,
            // no status column: PostgreSQL drops a condition the index's WHERE implies, and a leading
            // column without a condition would have every lookup read the whole index
            Schema.listingIndexes("updated_at, destination"), Schema.THREADS_BY_AGE, Schema.eventDigests(""),
            Schema.digests("BIGSERIAL PRIMARY KEY"), Schema.EVENT_ROUTING,
            Schema.eventFacts("TEXT COLLATE \"C\"", ""), Schema.actions("BIGSERIAL PRIMARY KEY"), Schema.ESCALATIONS,
            // no status column, as above: the claim's status = 'pending' is what the indexes' WHERE says
            Schema.pendingIndexes("destination, next_attempt_at", "destination, order_key, id"),
            // room on each page for the claim's new row version: the claim changes no indexed column, so
            // with room it is a HOT update and writes no index entry; a full page made it write five.
            // Pages filled before the migration keep no room until rewritten (VACUUM FULL)
            "ALTER TABLE deliveries SET (fillfactor = 50);\n");

    /**
     * The claimable rows, locked in the same statement (rows another replica holds are skipped, not
     * waited for), read with their events: one statement per claim.
     */
    private static final String CLAIM = "WITH d AS (UPDATE deliveries SET lease_until = ?, lease_owner = ?, "
            + "claim = claim + 1 WHERE id IN (" + Schema.CLAIMABLE + " FOR UPDATE SKIP LOCKED) RETURNING *) "
            + "SELECT " + Rows.DELIVERY_COLUMNS + " FROM d JOIN events e ON e.id = d.event_id ORDER BY d.id";

    @Override
    public Database open(String url, StoreFaults faults) {
        return PostgresDatabase.open(url, faults);
    }

    @Override
    public List<String> migrations() {
        return MIGRATIONS;
    }

    @Override
    public void lockSchema(Sql sql) throws SQLException {
        sql.prepare("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")").execute();
    }

    @Override
    public List<Delivery> claim(Sql sql, String destination, long now, int max, long leaseUntil, String owner)
            throws SQLException {
        PreparedStatement claim = sql.prepare(CLAIM);
        claim.setLong(1, leaseUntil);
        claim.setString(2, owner);
        claim.setString(3, destination);
        claim.setLong(4, now);
        claim.setLong(5, now);
        claim.setInt(6, max);
        return Rows.deliveries(claim);
    }

    @Override
    public String lockRows() {
        return " FOR UPDATE";
    }

    @Override
    public boolean singleProcess() {
        return false;
    }

    @Override
    public boolean singleWriter() {
        return false;
    }
}
