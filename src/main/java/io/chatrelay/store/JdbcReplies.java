package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@link Replies} on a JDBC database: a reply shares the durable group commit with accepted events. */
final class JdbcReplies implements Replies {

    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final String IN_THREAD = "SELECT e.id, e.conversation_id, e.body, e.received_at FROM threads t "
            + "JOIN events e ON e.conversation_id = t.conversation_id WHERE t.destination = ? AND t.thread_id = ? "
            + "AND e.type = '" + Escalations.ESCALATION + "' ORDER BY e.received_at DESC, e.id DESC LIMIT 1";
    private static final String OF_MESSAGE = "SELECT e.id, e.conversation_id, e.body, e.received_at FROM deliveries d "
            + "JOIN events e ON e.id = d.event_id WHERE d.destination = ? AND d.posted = ? "
            + "AND e.type = '" + Escalations.ESCALATION + "' LIMIT 1";
    private static final String INSERT_EVENT = "INSERT INTO events (id, type, conversation_id, body, received_at, "
            + "routing, who, excerpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_DELIVERY = "INSERT INTO deliveries (event_id, destination, route, order_key, "
            + "status, attempts, next_attempt_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)";
    /** The route a reply's delivery names: no route of the config sent it. */
    static final String ROUTE = "replies";

    private final Database database;
    private final GroupCommit durable;

    JdbcReplies(Database database, GroupCommit durable) {
        this.database = database;
        this.durable = durable;
    }

    @Override
    public Optional<Escalation> escalationInThread(String destination, String threadId) {
        return database.lazyTransaction(sql -> escalation(sql, IN_THREAD, destination, threadId));
    }

    @Override
    public Optional<Escalation> escalationOfMessage(String destination, String posted) {
        return database.lazyTransaction(sql -> escalation(sql, OF_MESSAGE, destination, posted));
    }

    private static Optional<Escalation> escalation(Sql sql, String query, String destination, String key)
            throws SQLException {
        try (ResultSet row = sql.bound(query, destination, key).executeQuery()) {
            return row.next() ? Optional.of(new Escalation(row.getString(1), row.getString(2), row.getBytes(3),
                    Instant.ofEpochMilli(row.getLong(4)))) : Optional.empty();
        }
    }

    @Override
    public Stored accept(Reply reply) {
        return durable.commit(sql -> accept(sql, reply), Deadline.in(COMMIT_TIMEOUT, Clock.systemUTC()));
    }

    private static Stored accept(Sql sql, Reply reply) throws SQLException {
        sql.flushBatches();
        long at = reply.at().toEpochMilli();
        String eventId = reply.escalation().eventId();
        if (!JdbcClaims.recordInbound(sql, reply.inbound(), at)) {
            return new Stored(Result.RESENT, false, JdbcClaims.claimOf(sql, eventId));
        }
        boolean took = JdbcClaims.claim(sql, eventId, reply.byId(), reply.byName(), reply.via(), at,
                reply.whenTaken());
        Optional<Claims.Claim> claim = JdbcClaims.claimOf(sql, eventId);
        if (reply.claimerOnly() && claim.filter(c -> c.byId().equals(reply.byId())).isEmpty()) {
            return new Stored(Result.NOT_YOURS, false, claim);
        }
        for (RawEvent part : reply.parts()) {
            long received = part.receivedAt().toEpochMilli();
            sql.update(INSERT_EVENT, part.id(), part.type(), part.conversationId(), part.body(), received, null,
                    part.facts().who(), part.facts().excerpt());
            sql.update(INSERT_DELIVERY, part.id(), CHAT_DATA, ROUTE, part.conversationId(), received, received);
        }
        return new Stored(Result.STORED, took, claim);
    }
}
