package io.chatrelay.store;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** {@link Claims} on a JDBC database: presses share the durable group commit with accepted events. */
final class JdbcClaims implements Claims {

    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final String RECORD_INBOUND = "INSERT INTO inbound (source, id, at) VALUES (?, ?, ?) "
            + "ON CONFLICT (source, id) DO NOTHING";
    /** The one statement that decides who took an escalation: the first insert wins, the others change nothing. */
    private static final String CLAIM = "INSERT INTO claims (event_id, by_id, by_name, via, at) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (event_id) DO NOTHING";
    private static final String CLAIM_OF = "SELECT by_id, by_name, via, at FROM claims WHERE event_id = ?";
    private static final String EVENT = "SELECT type, received_at FROM events WHERE id = ?";
    private static final String INSERT_QUEUED = "INSERT INTO deliveries (event_id, destination, route, order_key, "
            + "status, attempts, next_attempt_at, updated_at, kind, target) SELECT d.event_id, ?, d.route, NULL, "
            + "'pending', 0, ?, ?, ?, ? FROM deliveries d WHERE d.event_id = ? ORDER BY d.id LIMIT 1";
    private static final String LINK_KEY = "link_key";

    private final Database database;
    private final GroupCommit durable;

    JdbcClaims(Database database, GroupCommit durable) {
        this.database = database;
        this.durable = durable;
    }

    @Override
    public Taken take(Press press) {
        return durable.commit(sql -> take(sql, press), Deadline.in(COMMIT_TIMEOUT, Clock.systemUTC()));
    }

    private static Taken take(Sql sql, Press press) throws SQLException {
        sql.flushBatches(); // the group's other writes, so that this one reads them
        long at = press.at().toEpochMilli();
        if (press.inbound().isPresent() && !recordInbound(sql, press.inbound().get(), at)) {
            return new Taken(Result.RESENT, claimOf(sql, press.eventId()), Optional.empty());
        }
        Optional<Instant> accepted = Optional.empty();
        String type = null;
        try (ResultSet row = sql.bound(EVENT, press.eventId()).executeQuery()) {
            if (row.next()) {
                type = row.getString(1);
                accepted = Optional.of(Instant.ofEpochMilli(row.getLong(2)));
            }
        }
        if (type == null) {
            return new Taken(Result.UNKNOWN_EVENT, Optional.empty(), Optional.empty());
        }
        if (!Escalations.ESCALATION.equals(type)) {
            return new Taken(Result.NOT_AN_ESCALATION, Optional.empty(), accepted);
        }
        if (press.notice().isPresent()) { // first: the presser is waiting (Telegram's button spins until answered)
            queue(sql, press.eventId(), press.notice().get(), DeliveryKind.NOTICE, at);
        }
        boolean won = claim(sql, press.eventId(), press.byId(), press.byName(), press.via(), at, press.whenTaken());
        if (won && press.ownEdit().isPresent()) {
            queue(sql, press.eventId(), press.ownEdit().get(), DeliveryKind.EDIT, at);
        }
        Optional<Claim> claim = claimOf(sql, press.eventId());
        Result result = won ? Result.TOOK : claim.filter(c -> c.byId().equals(press.byId())).isPresent()
                ? Result.ALREADY_YOURS : Result.TAKEN_BEFORE;
        return new Taken(result, claim, accepted);
    }

    /** Records an inbound request's id; false when it was recorded before (the platform resent it). */
    static boolean recordInbound(Sql sql, Inbound inbound, long at) throws SQLException {
        return sql.update(RECORD_INBOUND, inbound.source(), inbound.id(), at) > 0;
    }

    /**
     * Takes the escalation for {@code byId} unless somebody has (a press, or a first reply); when this
     * claim wins, queues an edit of each of its messages and {@code whenTaken}'s notices. True when it won.
     */
    static boolean claim(Sql sql, String eventId, String byId, String byName, String via, long at,
                         List<Queued> whenTaken) throws SQLException {
        if (sql.update(CLAIM, eventId, byId, byName, via, at) == 0) {
            return false;
        }
        Escalations.editAll(sql, eventId, at);
        for (Queued queued : whenTaken) {
            queue(sql, eventId, queued, DeliveryKind.NOTICE, at);
        }
        return true;
    }

    static void queue(Sql sql, String eventId, Queued queued, DeliveryKind kind, long at) throws SQLException {
        sql.update(INSERT_QUEUED, queued.destination(), at, at, kind.column(), queued.target(), eventId);
    }

    static Optional<Claim> claimOf(Sql sql, String eventId) throws SQLException {
        try (ResultSet row = sql.bound(CLAIM_OF, eventId).executeQuery()) {
            return row.next() ? Optional.of(new Claim(row.getString(1), row.getString(2), row.getString(3),
                    Instant.ofEpochMilli(row.getLong(4)))) : Optional.empty();
        }
    }

    @Override
    public Optional<Claim> claimOf(String eventId) {
        return database.lazyTransaction(sql -> claimOf(sql, eventId));
    }

    @Override
    public Optional<Instant> visitorLeft(String conversationId, Instant since) {
        return database.lazyTransaction(sql -> Escalations.visitorLeft(sql, conversationId, since.toEpochMilli()));
    }

    @Override
    public Optional<String> posted(long deliveryId) {
        return database.lazyTransaction(sql -> {
            try (ResultSet row = sql.bound("SELECT posted FROM deliveries WHERE id = ?", deliveryId).executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.<String>empty();
            }
        });
    }

    @Override
    public boolean isFollowUp(long deliveryId) {
        return database.lazyTransaction(sql -> sql.count("SELECT COUNT(*) FROM deliveries WHERE id = ? AND kind = ?",
                deliveryId, DeliveryKind.FOLLOW_UP.column()) > 0);
    }

    @Override
    public boolean firstTime(Inbound inbound, Instant at) {
        return durable.commit(sql -> {
            sql.flushBatches();
            return recordInbound(sql, inbound, at.toEpochMilli());
        }, Deadline.in(COMMIT_TIMEOUT, Clock.systemUTC()));
    }

    @Override
    public boolean firstReply(String eventId, Instant at) {
        return database.lazyTransaction(sql -> sql.update("UPDATE claims SET first_reply_at = ? WHERE event_id = ? "
                + "AND first_reply_at IS NULL", at.toEpochMilli(), eventId) > 0);
    }

    /** Made by whichever replica comes first; the others read it. */
    @Override
    public byte[] linkKey() {
        return database.transaction(sql -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            sql.update("INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", LINK_KEY,
                    Base64.getEncoder().encodeToString(fresh));
            try (ResultSet row = sql.bound("SELECT value FROM settings WHERE name = ?", LINK_KEY).executeQuery()) {
                row.next();
                return Base64.getDecoder().decode(row.getString(1));
            }
        });
    }
}
