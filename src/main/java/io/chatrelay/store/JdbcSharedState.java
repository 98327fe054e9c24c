package io.chatrelay.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link SharedState} in the outbox's database (tables {@code threads}, {@code replicas}, {@code pauses}). */
final class JdbcSharedState implements SharedState {

    private final Database database;
    private final String owner;

    /** {@code owner}: this process, as it signs its claims. */
    JdbcSharedState(Database database, String owner) {
        this.database = database;
        this.owner = owner;
    }

    @Override
    public Optional<String> threadId(String destination, String conversationId) {
        return database.lazyTransaction(sql -> {
            PreparedStatement select = sql.prepare(
                    "SELECT thread_id FROM threads WHERE destination = ? AND conversation_id = ?");
            select.setString(1, destination);
            select.setString(2, conversationId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
            }
        });
    }

    @Override
    public void saveThreadId(String destination, String conversationId, String threadId, Instant now) {
        database.lazyTransaction(sql -> sql.update("INSERT INTO threads (destination, conversation_id, thread_id, "
                + "created_at) VALUES (?, ?, ?, ?) ON CONFLICT (destination, conversation_id) DO NOTHING",
                destination, conversationId, threadId, now.toEpochMilli()));
    }

    @Override
    public int heartbeat(Instant now, Duration window) {
        long at = now.toEpochMilli();
        return database.lazyTransaction(sql -> {
            sql.update("INSERT INTO replicas (owner, seen_at) VALUES (?, ?) "
                    + "ON CONFLICT (owner) DO UPDATE SET seen_at = excluded.seen_at", owner, at);
            sql.update("DELETE FROM replicas WHERE seen_at < ?", at - 10 * window.toMillis());
            return Math.max(1, (int) sql.count("SELECT COUNT(*) FROM replicas WHERE seen_at >= ?",
                    at - window.toMillis()));
        });
    }

    @Override
    public void pauseDestination(String destination, Instant until) {
        database.lazyTransaction(sql -> sql.update("INSERT INTO pauses (destination, until_at) VALUES (?, ?) "
                + "ON CONFLICT (destination) DO UPDATE SET until_at = CASE "
                + "WHEN excluded.until_at > pauses.until_at THEN excluded.until_at ELSE pauses.until_at END",
                destination, until.toEpochMilli()));
    }

    @Override
    public Map<String, Instant> pauses(Instant now) {
        return database.lazyTransaction(sql -> {
            Map<String, Instant> pauses = new HashMap<>();
            PreparedStatement select = sql.prepare("SELECT destination, until_at FROM pauses WHERE until_at > ?");
            select.setLong(1, now.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    pauses.put(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)));
                }
            }
            return pauses;
        });
    }
}
