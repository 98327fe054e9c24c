package io.chatrelay.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * SQLite's schema and claims. Its {@link SqliteDatabase} has a WAL journal and a full sync on
 * commit (durability is not traded for speed), and one writer.
 */
final class SqliteDialect implements SqlDialect {

    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE events (
              id TEXT PRIMARY KEY,
              type TEXT NOT NULL,
              conversation_id TEXT,
              body BLOB NOT NULL,
              received_at INTEGER NOT NULL
            );
            CREATE TABLE deliveries (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              event_id TEXT NOT NULL REFERENCES events(id),
              destination TEXT NOT NULL,
              route TEXT NOT NULL,
              order_key TEXT,
              status TEXT NOT NULL,
              attempts INTEGER NOT NULL DEFAULT 0,
              next_attempt_at INTEGER NOT NULL,
              lease_until INTEGER,
              lease_owner TEXT,
              last_status INTEGER,
              last_reason TEXT,
              updated_at INTEGER NOT NULL
            );
            CREATE INDEX deliveries_due ON deliveries (destination, status, next_attempt_at);
            CREATE INDEX deliveries_conversation ON deliveries (destination, order_key, status, id);
            CREATE INDEX deliveries_status ON deliveries (status, updated_at);
            CREATE TABLE attempts (
              delivery_id INTEGER NOT NULL,
              number INTEGER NOT NULL,
              at INTEGER NOT NULL,
              status INTEGER NOT NULL,
              reason TEXT,
              duration_ms INTEGER NOT NULL,
              PRIMARY KEY (delivery_id, number)
            );
            """, """
            CREATE TABLE threads (
              destination TEXT NOT NULL,
              conversation_id TEXT NOT NULL,
              thread_id TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              PRIMARY KEY (destination, conversation_id)
            );
            """, Schema.SHARED_STATE, """
            ALTER TABLE deliveries ADD COLUMN claim INTEGER NOT NULL DEFAULT 0;
            """, Schema.ATTEMPT_HISTORY,
            // the status column, constant in the index, gives lookups by it an equality to match:
            // without statistics SQLite would otherwise prefer deliveries_status_destination
            Schema.listingIndexes("status, updated_at, destination"), Schema.THREADS_BY_AGE,
            Schema.eventDigests(" WITHOUT ROWID"), Schema.digests("INTEGER PRIMARY KEY AUTOINCREMENT"),
            Schema.EVENT_ROUTING, Schema.eventFacts("TEXT", " WITHOUT ROWID"),
            Schema.actions("INTEGER PRIMARY KEY AUTOINCREMENT"), Schema.ESCALATIONS,
            // status stays a (constant) key column for the same reason: the claim's status = 'pending'
            // is one more equality for these indexes to match, as before they were partial
            Schema.pendingIndexes("destination, status, next_attempt_at", "destination, order_key, status, id"));

    @Override
    public Database open(String url, StoreFaults faults) {
        return SqliteDatabase.open(url, faults);
    }

    @Override
    public void lockSchema(Sql sql) {
        // one connection per process and a single writer: nothing else can migrate meanwhile
    }

    @Override
    public List<String> migrations() {
        return MIGRATIONS;
    }

    @Override
    public List<Delivery> claim(Sql sql, String destination, long now, int max, long leaseUntil, String owner)
            throws SQLException {
        PreparedStatement select = sql.prepare(Schema.CLAIMABLE);
        select.setString(1, destination);
        select.setLong(2, now);
        select.setLong(3, now);
        select.setInt(4, max);
        List<Long> ids = Rows.ids(select);
        if (ids.isEmpty()) {
            return List.of();
        }
        PreparedStatement lease = sql.prepare("UPDATE deliveries SET lease_until = ?, lease_owner = ?, "
                + "claim = claim + 1 WHERE id = ?");
        for (long id : ids) {
            lease.setLong(1, leaseUntil);
            lease.setString(2, owner);
            lease.setLong(3, id);
            lease.addBatch();
        }
        lease.executeBatch();
        return Rows.deliveries(sql, ids);
    }

    @Override
    public String lockRows() {
        return ""; // a transaction holds the whole database for writing from its start
    }

    @Override
    public String filterOnly(String column) {
        return "+" + column;
    }

    @Override
    public boolean singleProcess() {
        return true;
    }

    @Override
    public boolean singleWriter() {
        return true;
    }
}
