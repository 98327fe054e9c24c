package io.chatrelay.store;

import io.chatrelay.event.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;

/**
 * Retention: delivered deliveries older than a cutoff go, with their attempts (and a digest's
 * record of its events), and so do their events once no delivery or pending digest is left, and
 * events no route took; then the threads of conversations none of whose events is left, and the
 * digests of bodies first seen before the cutoff (a body seen again after its window took the
 * digest over already). Everything runs in short
 * transactions of {@link #CHUNK}, so that pruning a large store never holds it (SQLite's single
 * writer) long enough to delay acknowledgements, and each reads only what it deletes or nearly:
 * {@code deliveries_delivered} finds the old delivered deliveries, and the old events are a range
 * of their ids.
 */
final class Retention {

    /** Deliveries, or events, pruned per transaction. */
    static final int CHUNK = 500;
    static final String PRUNABLE = "SELECT id, event_id FROM deliveries WHERE status = 'delivered' "
            + "AND updated_at < ? LIMIT ?";
    /** Skipped deliveries (follow-ups, edits) go like delivered ones; there are few of them. */
    static final String PRUNABLE_SKIPPED = "SELECT id, event_id FROM deliveries WHERE status = 'skipped' "
            + "AND updated_at < ? LIMIT ?";
    /** Claims of events that are gone. */
    private static final String GONE_CLAIMS = "DELETE FROM claims WHERE event_id IN (" + String.join(", ",
            Collections.nCopies(500, "?")) + ") AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = claims.event_id)";
    /** Ids of requests Slack and Telegram sent before the cutoff: they resend within minutes, not days. */
    private static final String OLD_INBOUND = "DELETE FROM inbound WHERE (source, id) IN "
            + "(SELECT source, id FROM inbound WHERE at < ? LIMIT ?)";
    private static final String CHUNK_PARAMETERS = String.join(", ", Collections.nCopies(CHUNK, "?"));
    /** Old events in id order after a given one; ids are time-ordered, so the range ends at the cutoff's first id. */
    static final String OLD_EVENTS = "SELECT id FROM events WHERE id > ? AND id < ? ORDER BY id LIMIT ?";
    private static final String UNROUTED = "DELETE FROM events WHERE id IN (" + CHUNK_PARAMETERS + ") "
            + "AND received_at < ? AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id) "
            + "AND NOT EXISTS (SELECT 1 FROM digest_events de WHERE de.event_id = events.id)";
    /** The digests of pruned deliveries, and which events they carried: those events are then unrouted. */
    private static final String DIGESTS_OF = "(SELECT digest_id FROM deliveries WHERE id IN (" + CHUNK_PARAMETERS
            + ") AND digest_id IS NOT NULL)";
    /** The search terms of these events (a chunk, padded) once the events are gone. */
    private static final String GONE_TERMS = "DELETE FROM event_terms WHERE event_id IN (" + CHUNK_PARAMETERS + ") "
            + "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = event_terms.event_id)";
    /**
     * Threads started before the cutoff whose conversation has no event left: it has been silent
     * for longer than the retention, and its next message starts a new thread. Without this the
     * table grew by a row per conversation and destination for ever. {@code threads_created} finds
     * the old threads, {@code events_conversation} answers each check.
     */
    private static final String FORGOTTEN_THREADS = "DELETE FROM threads WHERE (destination, conversation_id) IN "
            + "(SELECT t.destination, t.conversation_id FROM threads t WHERE t.created_at < ? AND NOT EXISTS "
            + "(SELECT 1 FROM events e WHERE e.conversation_id = t.conversation_id) LIMIT ?)";

    /** Digests of bodies first seen before the cutoff, found by {@code event_digests_first_at}. */
    private static final String OLD_DIGESTS = "DELETE FROM event_digests WHERE digest IN "
            + "(SELECT digest FROM event_digests WHERE first_at < ? LIMIT ?)";

    private Retention() {}

    /** Prunes what was delivered before {@code before}; returns the deliveries pruned. */
    static int prune(Database database, Instant before) {
        long cutoff = before.toEpochMilli();
        int pruned = 0;
        for (String prunable : new String[] {PRUNABLE, PRUNABLE_SKIPPED}) {
            for (int chunk = CHUNK; chunk == CHUNK; pruned += chunk) {
                chunk = database.lazyTransaction(sql -> deliveredChunk(sql, prunable, cutoff));
            }
        }
        String below = Ids.first(cutoff);
        for (String after = ""; after != null; ) {
            String from = after;
            after = database.lazyTransaction(sql -> unroutedChunk(sql, from, below, cutoff));
        }
        for (int forgotten = CHUNK; forgotten == CHUNK; ) {
            forgotten = database.lazyTransaction(sql -> sql.update(FORGOTTEN_THREADS, cutoff, CHUNK));
        }
        for (int forgotten = CHUNK; forgotten == CHUNK; ) {
            forgotten = database.lazyTransaction(sql -> sql.update(OLD_DIGESTS, cutoff, CHUNK));
        }
        for (int forgotten = CHUNK; forgotten == CHUNK; ) {
            forgotten = database.lazyTransaction(sql -> sql.update(OLD_INBOUND, cutoff, CHUNK));
        }
        return pruned;
    }

    /**
     * Up to {@link #CHUNK} old delivered deliveries, their attempts, and their events once no
     * delivery is left. The statements always take {@link #CHUNK} ids, padded, so that each is
     * prepared once.
     */
    private static int deliveredChunk(Sql sql, String prunable, long cutoff) throws SQLException {
        Object[] ids = new Object[CHUNK];
        Object[] events = new Object[CHUNK];
        Arrays.fill(ids, -1L);
        Arrays.fill(events, "");
        int found = 0;
        try (ResultSet rows = sql.bound(prunable, cutoff, CHUNK).executeQuery()) {
            for (; rows.next(); found++) {
                ids[found] = rows.getLong(1);
                events[found] = rows.getString(2);
            }
        }
        if (found > 0) {
            sql.update("DELETE FROM attempts WHERE delivery_id IN (" + CHUNK_PARAMETERS + ")", ids);
            sql.update("DELETE FROM actions WHERE delivery_id IN (" + CHUNK_PARAMETERS + ")", ids);
            sql.update("DELETE FROM digest_events WHERE digest_id IN " + DIGESTS_OF, ids);
            sql.update("DELETE FROM digests WHERE id IN " + DIGESTS_OF, ids);
            sql.update("DELETE FROM deliveries WHERE id IN (" + CHUNK_PARAMETERS + ")", ids);
            sql.update("DELETE FROM events WHERE id IN (" + CHUNK_PARAMETERS + ") AND NOT EXISTS "
                    + "(SELECT 1 FROM deliveries d WHERE d.event_id = events.id) AND NOT EXISTS "
                    + "(SELECT 1 FROM digest_events de WHERE de.event_id = events.id)", events);
            sql.update(GONE_TERMS, events);
            sql.update(GONE_CLAIMS, events);
        }
        return found;
    }

    /**
     * Of the next {@link #CHUNK} events older than the cutoff (by id) after {@code after}, deletes
     * those no route took: they have no delivery to be pruned with. Returns the last id read, or
     * null when none are left. Only old events are read, never every event (the earlier single
     * statement read all of them: 0.2 s at a million, holding SQLite's writer throughout).
     */
    private static String unroutedChunk(Sql sql, String after, String below, long cutoff) throws SQLException {
        Object[] parameters = new Object[CHUNK + 1];
        Arrays.fill(parameters, "");
        int found = 0;
        try (ResultSet rows = sql.bound(OLD_EVENTS, after, below, CHUNK).executeQuery()) {
            for (; rows.next(); found++) {
                parameters[found] = rows.getString(1);
            }
        }
        if (found == 0) {
            return null;
        }
        parameters[CHUNK] = cutoff;
        sql.update(UNROUTED, parameters);
        sql.update(GONE_TERMS, Arrays.copyOf(parameters, CHUNK));
        return found == CHUNK ? (String) parameters[found - 1] : null;
    }
}
