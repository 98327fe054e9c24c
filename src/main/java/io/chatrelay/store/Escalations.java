package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * What keeps an escalation's messages up to date: an edit of each of them when someone takes it or
 * its visitor leaves, queued in the transaction that stores the claim or the presence event.
 * An edit waits for the message it edits while that is on its way, so it never overtakes it, and
 * holds none of the conversation's other messages back.
 */
final class Escalations {

    static final String ESCALATION = "live-chat-escalation";
    static final String OFFLINE = "user-offline";

    /**
     * The messages that can be brought up to date: what was posted and kept a reference, and the
     * escalation's own deliveries still on their way (an edit waits behind them). A follow-up not sent
     * yet needs none: it is rendered as things stand when its time comes.
     */
    private static final String EDITABLE = "(d.posted IS NOT NULL OR (d.status = 'pending' AND d.kind IS NULL))";
    private static final String EDIT_ALL = "INSERT INTO deliveries (event_id, destination, route, order_key, status, "
            + "attempts, next_attempt_at, updated_at, kind, target, after_id) SELECT d.event_id, d.destination, d.route, "
            + "NULL, 'pending', 0, ?, ?, 'edit', NULL, d.id FROM deliveries d WHERE d.event_id = ? "
            + "AND (d.kind IS NULL OR d.kind = 'follow-up') AND " + EDITABLE;
    /** How far back a visitor leaving reaches: a claim link's lifetime; older messages are left as they are. */
    static final long LEFT_REACHES_MILLIS = java.time.Duration.ofHours(24).toMillis();
    private static final String EDIT_CONVERSATION = "INSERT INTO deliveries (event_id, destination, route, order_key, "
            + "status, attempts, next_attempt_at, updated_at, kind, target, after_id) SELECT d.event_id, d.destination, "
            + "d.route, NULL, 'pending', 0, ?, ?, 'edit', NULL, d.id FROM deliveries d JOIN events e "
            + "ON e.id = d.event_id WHERE e.conversation_id = ? AND e.type = '" + ESCALATION + "' "
            + "AND e.received_at <= ? AND e.received_at > ? AND (d.kind IS NULL OR d.kind = 'follow-up') AND "
            + EDITABLE;
    private static final String LATEST_PRESENCE = "SELECT type, received_at FROM events WHERE conversation_id = ? "
            + "AND type IN ('user-online', '" + OFFLINE + "') AND received_at >= ? ORDER BY received_at DESC, id DESC "
            + "LIMIT 1";

    private Escalations() {}

    /** Queues an edit of each of the escalation's messages. */
    static void editAll(Sql sql, String eventId, long at) throws SQLException {
        sql.update(EDIT_ALL, at, at, eventId);
    }

    static final String ONLINE = "user-online";
    /** The presence event before this one: whether the visitor was gone until now. */
    private static final String PRESENCE_BEFORE = "SELECT type FROM events WHERE conversation_id = ? "
            + "AND type IN ('" + ONLINE + "', '" + OFFLINE + "') AND id <> ? AND received_at <= ? "
            + "ORDER BY received_at DESC, id DESC LIMIT 1";

    /**
     * Whether storing this event changes what the conversation's escalation messages say: the visitor
     * left ({@code user-offline}), or came back ({@code user-online}: "Visitor left" goes, the take
     * button returns).
     */
    static boolean leaves(RawEvent event) {
        return (OFFLINE.equals(event.type()) || ONLINE.equals(event.type())) && event.conversationId() != null;
    }

    /**
     * Queues an edit of each message of the conversation's escalations accepted before {@code event}
     * (a {@code user-offline}, or a {@code user-online} after one); on a deduplicated enqueue only if
     * the event holds its body's digest.
     */
    static void visitorLeft(Sql sql, RawEvent event, Optional<String> digest) throws SQLException {
        long at = event.receivedAt().toEpochMilli();
        if (digest.isPresent() && sql.count("SELECT COUNT(*) FROM event_digests WHERE digest = ? AND event_id = ?",
                digest.get(), event.id()) == 0) {
            return; // a copy: its first event queued the edits
        }
        if (ONLINE.equals(event.type()) && !wasGone(sql, event, at)) {
            return; // online already: the messages say nothing of it
        }
        sql.update(EDIT_CONVERSATION, at, at, event.conversationId(), at, at - LEFT_REACHES_MILLIS);
    }

    private static boolean wasGone(Sql sql, RawEvent event, long at) throws SQLException {
        try (ResultSet row = sql.bound(PRESENCE_BEFORE, event.conversationId(), event.id(), at).executeQuery()) {
            return row.next() && OFFLINE.equals(row.getString(1));
        }
    }

    /** When the visitor went offline after {@code since}, if their latest presence event says so. */
    static Optional<Instant> visitorLeft(Sql sql, String conversationId, long since) throws SQLException {
        if (conversationId == null) {
            return Optional.empty();
        }
        try (ResultSet row = sql.bound(LATEST_PRESENCE, conversationId, since).executeQuery()) {
            return row.next() && OFFLINE.equals(row.getString(1)) ? Optional.of(Instant.ofEpochMilli(row.getLong(2)))
                    : Optional.empty();
        }
    }
}
