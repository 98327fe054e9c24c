package io.chatrelay.store;

import io.chatrelay.config.StoreConfig;
import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The outbox on a JDBC database; what differs per database lives in its {@link SqlDialect}. */
public final class JdbcOutbox implements Outbox {

    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final String NEXT_DUE = """
            SELECT MIN(d.next_attempt_at) FROM deliveries d
            WHERE d.destination = ? AND d.status = 'pending' AND d.lease_until IS NULL
              AND """ + Schema.IS_HEAD;
    private static final String VIEW_COLUMNS = "d.id, e.id, e.type, d.destination, d.route, d.status, d.attempts, "
            + "d.last_status, d.last_reason, d.updated_at, d.next_attempt_at";

    private final Database database;
    private final SqlDialect dialect;
    private final GroupCommit groupCommit;
    private final Duration lease;
    private final String owner = UUID.randomUUID().toString();

    private JdbcOutbox(Database database, SqlDialect dialect, Duration lease) {
        this.database = database;
        this.dialect = dialect;
        this.groupCommit = new GroupCommit(database);
        this.lease = lease;
    }

    /**
     * Opens the store named by {@code store.url}, creating or migrating its schema. {@code lease} is
     * how long a claimed delivery stays with this process before another may take it over.
     */
    public static JdbcOutbox open(StoreConfig config, Duration lease) {
        return open(config, lease, true);
    }

    /**
     * Opens the store for a tool ({@code deliveries list/replay}) that runs beside a relay: it
     * claims nothing and leaves the relay's claims alone.
     */
    public static JdbcOutbox openForTools(StoreConfig config) {
        return open(config, Duration.ofMinutes(1), false);
    }

    private static JdbcOutbox open(StoreConfig config, Duration lease, boolean dispatcher) {
        SqlDialect dialect = dialectFor(config.url());
        Database database = dialect.open(config.url());
        try {
            Migrations.apply(database, dialect);
            if (dispatcher && dialect.singleProcess()) {
                releaseAllLeases(database);
            }
            return new JdbcOutbox(database, dialect, lease);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static SqlDialect dialectFor(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return new SqliteDialect();
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        throw new StoreUnavailableException("no store for " + Masked.url(url)
                + " (jdbc:sqlite: and jdbc:postgresql: are supported)", null);
    }

    /** A crashed run of this single-process store left its claims behind: they are due again now. */
    private static void releaseAllLeases(Database database) {
        database.transaction(connection -> update(connection,
                "UPDATE deliveries SET lease_until = NULL, lease_owner = NULL WHERE lease_until IS NOT NULL"));
    }

    @Override
    public void enqueue(RawEvent event, List<Target> targets) {
        groupCommit.commit(connection -> insert(connection, event, targets), COMMIT_TIMEOUT);
    }

    private static void insert(Connection connection, RawEvent event, List<Target> targets) throws SQLException {
        long at = event.receivedAt().toEpochMilli();
        try (PreparedStatement insertEvent = connection.prepareStatement(
                "INSERT INTO events (id, type, conversation_id, body, received_at) VALUES (?, ?, ?, ?, ?)")) {
            insertEvent.setString(1, event.id());
            insertEvent.setString(2, event.type());
            insertEvent.setString(3, event.conversationId());
            insertEvent.setBytes(4, event.body());
            insertEvent.setLong(5, at);
            insertEvent.executeUpdate();
        }
        try (PreparedStatement insertDelivery = connection.prepareStatement("INSERT INTO deliveries "
                + "(event_id, destination, route, order_key, status, attempts, next_attempt_at, updated_at) "
                + "VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)")) {
            for (Target target : targets) {
                insertDelivery.setString(1, event.id());
                insertDelivery.setString(2, target.destination());
                insertDelivery.setString(3, target.route());
                insertDelivery.setString(4, event.conversationId());
                insertDelivery.setLong(5, at);
                insertDelivery.setLong(6, at);
                insertDelivery.addBatch();
            }
            insertDelivery.executeBatch();
        }
    }

    @Override
    public List<Delivery> claimDue(String destination, Instant now, int max) {
        long nowMillis = now.toEpochMilli();
        return database.lazyTransaction(connection -> dialect.claim(connection, destination, nowMillis, max,
                nowMillis + lease.toMillis(), owner));
    }

    @Override
    public void delivered(Delivery delivery, Attempt attempt) {
        settle(delivery, attempt, "delivered", attempt.at());
    }

    @Override
    public void retryAt(Delivery delivery, Instant next, Attempt attempt) {
        settle(delivery, attempt, "pending", next);
    }

    @Override
    public void dead(Delivery delivery, Attempt attempt) {
        settle(delivery, attempt, "dead", attempt.at());
    }

    private void settle(Delivery delivery, Attempt attempt, String status, Instant next) {
        long id = Long.parseLong(delivery.id());
        int number = delivery.attempts() + 1;
        long now = attempt.at().plus(attempt.took()).toEpochMilli();
        database.lazyTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE deliveries SET status = ?, "
                    + "attempts = ?, next_attempt_at = ?, lease_until = NULL, lease_owner = NULL, last_status = ?, "
                    + "last_reason = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, status);
                update.setInt(2, number);
                update.setLong(3, next.toEpochMilli());
                update.setInt(4, attempt.status());
                update.setString(5, attempt.reason());
                update.setLong(6, now);
                update.setLong(7, id);
                update.executeUpdate();
            }
            // numbered by history, not by the attempt counter, which a replay resets
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO attempts "
                    + "(delivery_id, number, at, status, reason, duration_ms) VALUES (?, "
                    + "(SELECT COALESCE(MAX(number), 0) + 1 FROM attempts WHERE delivery_id = ?), ?, ?, ?, ?)")) {
                insert.setLong(1, id);
                insert.setLong(2, id);
                insert.setLong(3, attempt.at().toEpochMilli());
                insert.setInt(4, attempt.status());
                insert.setString(5, attempt.reason());
                insert.setLong(6, attempt.took().toMillis());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void release(Delivery delivery) {
        database.lazyTransaction(connection -> update(connection, "UPDATE deliveries SET lease_until = NULL, "
                + "lease_owner = NULL WHERE id = ? AND status = 'pending'", Long.parseLong(delivery.id())));
    }

    @Override
    public Optional<Instant> nextDue(String destination) {
        return database.lazyTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(NEXT_DUE)) {
                select.setString(1, destination);
                try (ResultSet row = select.executeQuery()) {
                    long at = row.next() ? row.getLong(1) : 0;
                    return row.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(at));
                }
            }
        });
    }

    @Override
    public List<DeliveryView> list(Optional<DeliveryStatus> status, int limit) {
        String where = status.isPresent() ? " WHERE d.status = ?" : "";
        String sql = "SELECT " + VIEW_COLUMNS + " FROM deliveries d JOIN events e ON e.id = d.event_id" + where
                + " ORDER BY d.id DESC LIMIT ?";
        return database.lazyTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                if (status.isPresent()) {
                    select.setString(index++, status.get().column());
                }
                select.setInt(index, limit);
                List<DeliveryView> views = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        views.add(Rows.view(rows));
                    }
                }
                return views;
            }
        });
    }

    @Override
    public int replay(List<Long> ids, Instant now) {
        return database.transaction(connection -> {
            int replayed = 0;
            for (long id : ids) {
                replayed += update(connection, "UPDATE deliveries SET status = 'pending', attempts = 0, "
                        + "next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'dead'",
                        now.toEpochMilli(), now.toEpochMilli(), id);
            }
            return replayed;
        });
    }

    @Override
    public int replayAllDead(Instant now) {
        return database.transaction(connection -> update(connection, "UPDATE deliveries SET status = 'pending', "
                + "attempts = 0, next_attempt_at = ?, updated_at = ? WHERE status = 'dead'",
                now.toEpochMilli(), now.toEpochMilli()));
    }

    @Override
    public int pruneDelivered(Instant before) {
        return database.transaction(connection -> {
            long cutoff = before.toEpochMilli();
            update(connection, "DELETE FROM attempts WHERE delivery_id IN (SELECT id FROM deliveries "
                    + "WHERE status = 'delivered' AND updated_at < ?)", cutoff);
            int pruned = update(connection, "DELETE FROM deliveries WHERE status = 'delivered' AND updated_at < ?",
                    cutoff);
            update(connection, "DELETE FROM events WHERE received_at < ? AND NOT EXISTS "
                    + "(SELECT 1 FROM deliveries d WHERE d.event_id = events.id)", cutoff);
            return pruned;
        });
    }

    @Override
    public Optional<String> threadId(String destination, String conversationId) {
        return database.lazyTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT thread_id FROM threads WHERE destination = ? AND conversation_id = ?")) {
                select.setString(1, destination);
                select.setString(2, conversationId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public void saveThreadId(String destination, String conversationId, String threadId, Instant now) {
        database.lazyTransaction(connection -> update(connection, "INSERT INTO threads "
                + "(destination, conversation_id, thread_id, created_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (destination, conversation_id) DO NOTHING",
                destination, conversationId, threadId, now.toEpochMilli()));
    }

    @Override
    public int heartbeat(Instant now, Duration window) {
        long at = now.toEpochMilli();
        return database.lazyTransaction(connection -> {
            update(connection, "INSERT INTO replicas (owner, seen_at) VALUES (?, ?) "
                    + "ON CONFLICT (owner) DO UPDATE SET seen_at = excluded.seen_at", owner, at);
            update(connection, "DELETE FROM replicas WHERE seen_at < ?", at - 10 * window.toMillis());
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM replicas WHERE seen_at >= ?")) {
                select.setLong(1, at - window.toMillis());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Math.max(1, row.getInt(1)) : 1;
                }
            }
        });
    }

    @Override
    public void pauseDestination(String destination, Instant until) {
        database.lazyTransaction(connection -> update(connection, "INSERT INTO pauses (destination, until_at) "
                + "VALUES (?, ?) ON CONFLICT (destination) DO UPDATE SET until_at = CASE "
                + "WHEN excluded.until_at > pauses.until_at THEN excluded.until_at ELSE pauses.until_at END",
                destination, until.toEpochMilli()));
    }

    @Override
    public java.util.Map<String, Instant> pauses(Instant now) {
        return database.lazyTransaction(connection -> {
            java.util.Map<String, Instant> pauses = new java.util.HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT destination, until_at FROM pauses WHERE until_at > ?")) {
                select.setLong(1, now.toEpochMilli());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        pauses.put(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)));
                    }
                }
            }
            return pauses;
        });
    }

    @Override
    public long countPending(String destination) {
        return database.lazyTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM deliveries WHERE status = 'pending' AND destination = ?")) {
                select.setString(1, destination);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public long count(DeliveryStatus status) {
        return database.lazyTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM deliveries WHERE status = ?")) {
                select.setString(1, status.column());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            }
        });
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    @Override
    public void close() {
        groupCommit.close();
        database.close();
    }
}
