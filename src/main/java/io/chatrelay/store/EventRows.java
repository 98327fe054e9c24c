package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows an accepted event writes, in its group commit's batch: the event, its search terms, one
 * delivery per target (a follow-up due later and out of its conversation's order), a digest's
 * membership, and the edits a visitor leaving queues. The deduplicated form writes each row only
 * while the event holds its body's digest.
 */
final class EventRows {

    /**
     * Takes the digest for the event unless an event accepted after the window's start holds it:
     * changes one row when it took it, none for a copy. On PostgreSQL a replica committing the same
     * digest meanwhile makes it wait for that commit, then see its row. (A SELECT, not VALUES, so
     * that the driver does not fold a batch of them into one statement that meets a digest twice.)
     */
    private static final String TAKE_DIGEST = "INSERT INTO event_digests (digest, event_id, first_at) "
            + "SELECT CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT) WHERE TRUE ON CONFLICT (digest) "
            + "DO UPDATE SET event_id = excluded.event_id, first_at = excluded.first_at "
            + "WHERE event_digests.first_at <= ?";
    /** Rows of an event stored only while the event holds its digest: a copy stores nothing. */
    private static final String HOLDS_DIGEST = " WHERE EXISTS (SELECT 1 FROM event_digests "
            + "WHERE digest = ? AND event_id = ?)";
    private static final String INSERT_EVENT_ONCE = "INSERT INTO events (id, type, conversation_id, body, "
            + "received_at, routing, who, excerpt) SELECT ?, ?, CAST(? AS TEXT), ?, CAST(? AS BIGINT), CAST(? AS TEXT), "
            + "CAST(? AS TEXT), CAST(? AS TEXT)" + HOLDS_DIGEST;
    private static final String INSERT_EVENT = "INSERT INTO events (id, type, conversation_id, body, received_at, "
            + "routing, who, excerpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_TERM_ONCE = "INSERT INTO event_terms (term, event_id) "
            + "SELECT CAST(? AS TEXT), CAST(? AS TEXT)" + HOLDS_DIGEST;
    private static final String INSERT_TERM = "INSERT INTO event_terms (term, event_id) VALUES (?, ?)";
    private static final String INSERT_DELIVERY_ONCE = "INSERT INTO deliveries (event_id, destination, route, "
            + "order_key, status, attempts, next_attempt_at, updated_at, kind) SELECT ?, ?, ?, CAST(? AS TEXT), "
            + "'pending', 0, CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS TEXT)" + HOLDS_DIGEST;
    private static final String INSERT_DELIVERY = "INSERT INTO deliveries (event_id, destination, route, order_key, "
            + "status, attempts, next_attempt_at, updated_at, kind) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)";
    private static final String HOLDER = "SELECT event_id FROM event_digests WHERE digest = ?";
    private static final String COUNT_COPY = "UPDATE events SET copies = copies + 1 WHERE id = ?";

    private final Digests digests;

    EventRows(Digests digests) {
        this.digests = digests;
    }

    /**
     * As {@link #insert}, each row only if this event took the body's digest. An event for a route's
     * digest joins it after the batch so far has run, and only once its event row is there.
     */
    Sql.BatchRow insertOnce(Sql sql, RawEvent event, List<Target> targets, String digest, long seenAfter)
            throws SQLException {
        long at = event.receivedAt().toEpochMilli();
        Sql.BatchRow took = sql.addToBatch(TAKE_DIGEST, digest, event.id(), at, seenAfter);
        sql.addToBatch(INSERT_EVENT_ONCE, event.id(), event.type(), event.conversationId(), event.body(), at,
                routing(event), event.facts().who(), event.facts().excerpt(), digest, event.id());
        for (String term : event.facts().terms()) {
            sql.addToBatch(INSERT_TERM_ONCE, term, event.id(), digest, event.id());
        }
        List<Target> digested = new ArrayList<>();
        for (Target target : targets) {
            if (target.digest().isPresent()) {
                digested.add(target);
            } else {
                sql.addToBatch(INSERT_DELIVERY_ONCE, event.id(), target.destination(), target.route(),
                        orderKey(event, target), due(at, target), at, kind(target), digest, event.id());
            }
        }
        if (Escalations.leaves(event)) {
            sql.flushBatches();
            Escalations.visitorLeft(sql, event, Optional.of(digest));
        }
        if (!digested.isEmpty()) {
            sql.flushBatches();
            if (sql.count("SELECT COUNT(*) FROM events WHERE id = ?", event.id()) > 0) {
                for (Target target : digested) {
                    digests.add(sql, event, target, target.digest().get());
                }
            }
        }
        return took;
    }

    /** The event holding the digest; one more copy counted on it unless it is {@code id} itself. */
    static String countCopy(Sql sql, String digest, String id) throws SQLException {
        String first;
        try (ResultSet row = sql.bound(HOLDER, digest).executeQuery()) {
            first = row.next() ? row.getString(1) : null;
        }
        if (first == null) { // pruned since: it was no copy of a live event, and this one was not stored
            throw new StoreUnavailableException("the event's digest went while it was stored; retry", null);
        }
        if (!first.equals(id)) {
            sql.update(COUNT_COPY, first);
        }
        return first;
    }

    /**
     * Adds the event's rows to the batch of its group commit: one insert per table for the whole
     * batch. An event for a digest has its rows written at once instead (its digest is found or
     * opened by reading), after the batch so far, which holds its event row.
     */
    void insert(Sql sql, RawEvent event, List<Target> targets) throws SQLException {
        long at = event.receivedAt().toEpochMilli();
        sql.addToBatch(INSERT_EVENT, event.id(), event.type(), event.conversationId(), event.body(), at,
                routing(event), event.facts().who(), event.facts().excerpt());
        for (String term : event.facts().terms()) {
            sql.addToBatch(INSERT_TERM, term, event.id());
        }
        boolean flushed = false;
        for (Target target : targets) {
            if (target.digest().isPresent()) {
                if (!flushed) {
                    sql.flushBatches();
                    flushed = true;
                }
                digests.add(sql, event, target, target.digest().get());
                continue;
            }
            sql.addToBatch(INSERT_DELIVERY, event.id(), target.destination(), target.route(),
                    orderKey(event, target), due(at, target), at, kind(target));
        }
        if (Escalations.leaves(event)) {
            sql.flushBatches();
            Escalations.visitorLeft(sql, event, Optional.empty());
        }
    }

    /**
     * A conversation's deliveries to a destination go in order; a follow-up waits for its time apart
     * from them, so that it holds back none of the conversation's messages meanwhile.
     */
    private static String orderKey(RawEvent event, Target target) {
        return target.isFollowUp() ? null : event.conversationId();
    }

    private static long due(long at, Target target) {
        return at + target.followUpAfter().map(java.time.Duration::toMillis).orElse(0L);
    }

    private static String kind(Target target) {
        return (target.isFollowUp() ? DeliveryKind.FOLLOW_UP : DeliveryKind.EVENT).column();
    }

    /** What the time intervals decided, a line per route; NULL when they had no say. */
    private static String routing(RawEvent event) {
        return event.routing().isEmpty() ? null : String.join("\n", event.routing());
    }
}
