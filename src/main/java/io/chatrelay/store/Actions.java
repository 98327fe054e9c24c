package io.chatrelay.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Operators' actions on deliveries, each in one transaction with its record in {@code actions}:
 * a change that did not happen is not recorded. A resend or a replay starts a new life for the
 * delivery (fresh attempt count, the claim number bumped), so no write of an earlier claim applies.
 */
final class Actions {

    /** A pending delivery waiting in backoff, not held by a live lease, becomes due now. */
    private static final String RETRY_NOW = "UPDATE deliveries SET next_attempt_at = ?, updated_at = ? "
            + "WHERE id = ? AND status = 'pending' AND next_attempt_at > ? AND (lease_until IS NULL OR lease_until < ?)";

    /** A delivered delivery is pending again, as a replay makes a dead one. */
    private static final String RESEND = "UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, "
            + "updated_at = ?, claim = claim + 1, lease_until = NULL, lease_owner = NULL "
            + "WHERE id = ? AND status = 'delivered'";

    private static final String RECORD_ONE = "INSERT INTO actions (event_id, delivery_id, action, source, at) "
            + "SELECT event_id, id, ?, ?, ? FROM deliveries WHERE id = ?";

    private static final String RECORD = "INSERT INTO actions (event_id, delivery_id, action, source, at) "
            + "VALUES (?, ?, ?, ?, ?)";

    private Actions() {}

    static boolean retryNow(Sql sql, long id, ActionSource source, Instant now) throws SQLException {
        long at = now.toEpochMilli();
        return sql.update(RETRY_NOW, at, at, id, at, at) == 1 && record(sql, id, "retry", source, at);
    }

    static boolean resend(Sql sql, long id, ActionSource source, Instant now) throws SQLException {
        long at = now.toEpochMilli();
        return sql.update(RESEND, at, at, id) == 1 && record(sql, id, "resend", source, at);
    }

    /**
     * Replays the filter's dead deliveries (its status is ignored; its limit and cursor count) in
     * one statement, and records each; returns how many.
     */
    static int replayDead(Sql sql, DeliveryFilter filter, ActionSource source, Instant now) throws SQLException {
        long at = now.toEpochMilli();
        Where where = new Where().and("d.status = 'dead'");
        where.andIfSet("d.destination = ?", filter.destination());
        where.andIfSet("d.event_id = ?", filter.eventId());
        where.andIfSet("e.conversation_id = ?", filter.conversation());
        if (filter.since() != null) {
            where.and("e.received_at >= ?", filter.since().toEpochMilli());
        }
        where.andIfSet("d.id < ?", filter.before());
        List<Object> parameters = new ArrayList<>(List.of(at, at));
        parameters.addAll(where.parameters());
        parameters.add(filter.limit());
        Query query = new Query("UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, "
                + "updated_at = ?, claim = claim + 1 WHERE status = 'dead' AND id IN (SELECT d.id"
                + DeliveryListing.FROM + where + " ORDER BY d.id DESC LIMIT ?) RETURNING id, event_id", parameters);
        PreparedStatement record = sql.prepare(RECORD);
        int replayed = 0;
        try (ResultSet rows = query.bound(sql).executeQuery()) {
            for (; rows.next(); replayed++) {
                record.setString(1, rows.getString(2));
                record.setLong(2, rows.getLong(1));
                record.setString(3, "replay");
                record.setString(4, source.label());
                record.setLong(5, at);
                record.addBatch();
            }
        }
        if (replayed > 0) {
            record.executeBatch();
        }
        return replayed;
    }

    /** The actions on an event's deliveries, oldest first. */
    static List<ActionView> of(Sql sql, String eventId) throws SQLException {
        List<ActionView> actions = new ArrayList<>();
        try (ResultSet rows = sql.bound("SELECT action, delivery_id, source, at FROM actions WHERE event_id = ? "
                + "ORDER BY at, id", eventId).executeQuery()) {
            while (rows.next()) {
                actions.add(new ActionView(rows.getString(1), rows.getLong(2), rows.getString(3),
                        Instant.ofEpochMilli(rows.getLong(4))));
            }
        }
        return actions;
    }

    /** Records an action on this delivery in its event's story; true. */
    static boolean record(Sql sql, long id, String action, ActionSource source, long at) throws SQLException {
        sql.update(RECORD_ONE, action, source.label(), at, id);
        return true;
    }
}
