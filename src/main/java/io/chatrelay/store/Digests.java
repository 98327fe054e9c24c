package io.chatrelay.store;

import io.chatrelay.config.DigestConfig;
import io.chatrelay.event.EventFacts;
import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Digests in the store (see {@link Schema#digests}). An event for a digest route joins the open
 * digest of its route and destination, found or created in the event's own transaction: the
 * insert does nothing where one is open ({@code digests_open} allows one), and the select that
 * follows finds the one that is, locked until the commit where rows are locked one by one, so a
 * claim cannot seal it in between. A digest whose period has ended is sealed and a new one opened.
 */
final class Digests {

    private static final String OPEN = "INSERT INTO digests (route, destination, period_start, period_end, "
            + "max_events, sealed) VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING";
    private static final String SEAL = "UPDATE digests SET sealed = 1 WHERE id = ? AND sealed = 0";
    private static final String ADD = "INSERT INTO digest_events (digest_id, event_id) VALUES (?, ?)";
    /** The digest's delivery, unless it has one: the digest's row is locked meanwhile, where rows are. */
    private static final String DELIVERY = "INSERT INTO deliveries (event_id, destination, route, order_key, status, "
            + "attempts, next_attempt_at, updated_at, digest_id) SELECT ?, ?, ?, NULL, 'pending', 0, ?, ?, ? "
            + "WHERE NOT EXISTS (SELECT 1 FROM deliveries WHERE digest_id = ?)";
    private static final String PERIOD = "SELECT period_start, period_end, max_events FROM digests WHERE id = ?";
    private static final String EVENTS = "SELECT e.id, e.type, e.conversation_id, e.body, e.received_at "
            + "FROM digest_events de JOIN events e ON e.id = de.event_id WHERE de.digest_id = ? "
            + "ORDER BY e.received_at, e.id";
    /** Tries to find or open a digest; each failed try means a concurrent transaction sealed it meanwhile. */
    private static final int TRIES = 5;

    private final String findOpen;

    Digests(SqlDialect dialect) {
        this.findOpen = "SELECT id, period_end FROM digests WHERE route = ? AND destination = ? AND sealed = 0"
                + dialect.lockRows();
    }

    /** Adds the event, already written in this transaction, to its target's open digest. */
    void add(Sql sql, RawEvent event, Target target, DigestConfig digest) throws SQLException {
        long at = event.receivedAt().toEpochMilli();
        for (int tries = 0; tries < TRIES; tries++) {
            sql.update(OPEN, target.route(), target.destination(), at, at + digest.every().toMillis(),
                    digest.maxEvents());
            long[] open = findOpen(sql, target);
            if (open == null) {
                continue; // sealed by a claim since the insert
            }
            if (open[1] <= at) { // never one just opened: its period ends after this event
                sql.update(SEAL, open[0]); // its period is over: its delivery is due, and this event starts the next
                continue;
            }
            sql.update(DELIVERY, event.id(), target.destination(), target.route(), open[1], at, open[0], open[0]);
            sql.update(ADD, open[0], event.id());
            return;
        }
        throw new SQLException("could not find or open the digest of route " + target.route() + " to "
                + target.destination());
    }

    private long[] findOpen(Sql sql, Target target) throws SQLException {
        try (ResultSet row = sql.bound(findOpen, target.route(), target.destination()).executeQuery()) {
            return row.next() ? new long[] {row.getLong(1), row.getLong(2)} : null;
        }
    }

    /** Seals the digests of claimed deliveries: the events they carry are fixed from now on. */
    static void seal(Sql sql, List<Delivery> claimed) throws SQLException {
        for (Delivery delivery : claimed) {
            if (delivery.digestId() != 0) {
                sql.update(SEAL, delivery.digestId());
            }
        }
    }

    /** The digest's period and its events, oldest first. */
    static DigestContents contents(Sql sql, long digestId) throws SQLException {
        Instant start;
        Instant end;
        int maxEvents;
        try (ResultSet row = sql.bound(PERIOD, digestId).executeQuery()) {
            if (!row.next()) {
                throw new SQLException("digest " + digestId + " is not in the store");
            }
            start = Instant.ofEpochMilli(row.getLong(1));
            end = Instant.ofEpochMilli(row.getLong(2));
            maxEvents = row.getInt(3);
        }
        List<RawEvent> events = new ArrayList<>();
        try (ResultSet rows = sql.bound(EVENTS, digestId).executeQuery()) {
            while (rows.next()) {
                events.add(new RawEvent(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBytes(4),
                        Instant.ofEpochMilli(rows.getLong(5)), EventFacts.NONE)); // rendering reads the body itself
            }
        }
        return new DigestContents(start, end, maxEvents, events);
    }
}
