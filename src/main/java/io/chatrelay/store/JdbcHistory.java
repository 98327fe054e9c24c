package io.chatrelay.store;

import io.chatrelay.event.EventFacts;
import io.chatrelay.event.RawEvent;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link History} in the outbox's database; what differs per database lives in its {@link SqlDialect}. */
final class JdbcHistory implements History {

    private static final String ATTEMPTS = "SELECT number, at, duration_ms, status, outcome, reason, answer, "
            + "next_attempt_at FROM attempts WHERE delivery_id = ? ORDER BY number";
    static final String OPEN_COUNTS = "SELECT status, destination, COUNT(*) FROM deliveries "
            + "WHERE status IN ('pending', 'dead') GROUP BY status, destination";
    static final String DELIVERED_SINCE = "SELECT destination, COUNT(*) FROM deliveries "
            + "WHERE status = 'delivered' AND updated_at >= ? GROUP BY destination";

    private static final int STATUSES = DeliveryStatus.values().length;

    private final Database database;
    private final SqlDialect dialect;

    JdbcHistory(Database database, SqlDialect dialect) {
        this.database = database;
        this.dialect = dialect;
    }

    @Override
    public List<DeliveryView> find(DeliveryFilter filter) {
        return database.lazyTransaction(sql -> DeliveryListing.find(sql, dialect, filter));
    }

    @Override
    public Optional<DeliveryView> delivery(long id) {
        String query = "SELECT " + Rows.VIEW_COLUMNS + DeliveryListing.FROM + " WHERE d.id = ?";
        return database.lazyTransaction(sql -> Rows.views(sql.bound(query, id)).stream().findFirst());
    }

    @Override
    public Optional<Claims.Claim> claim(String eventId) {
        return database.lazyTransaction(sql -> JdbcClaims.claimOf(sql, eventId));
    }

    @Override
    public List<AttemptView> attempts(long deliveryId) {
        return database.lazyTransaction(sql -> {
            List<AttemptView> attempts = new ArrayList<>();
            try (ResultSet rows = sql.bound(ATTEMPTS, deliveryId).executeQuery()) {
                while (rows.next()) {
                    attempts.add(Rows.attempt(rows));
                }
            }
            return attempts;
        });
    }

    @Override
    public Optional<RawEvent> event(String id) {
        return database.lazyTransaction(sql -> {
            try (ResultSet row = sql.bound("SELECT id, type, conversation_id, body, received_at, routing FROM events "
                    + "WHERE id = ?", id).executeQuery()) {
                return row.next() ? Optional.of(new RawEvent(row.getString(1), row.getString(2), row.getString(3),
                        row.getBytes(4), Instant.ofEpochMilli(row.getLong(5)), EventFacts.NONE,
                        lines(row.getString(6)))) : Optional.<RawEvent>empty();
            }
        });
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : List.of(text.split("\n"));
    }

    @Override
    public long copies(String eventId) {
        return database.lazyTransaction(sql -> sql.count("SELECT copies FROM events WHERE id = ?", eventId));
    }

    @Override
    public List<Long> digestDeliveries(String eventId) {
        return database.lazyTransaction(sql -> Rows.ids(sql.bound("SELECT d.id FROM digest_events de "
                + "JOIN deliveries d ON d.digest_id = de.digest_id WHERE de.event_id = ? ORDER BY d.id", eventId)));
    }

    @Override
    public List<ActionView> actions(String eventId) {
        return database.lazyTransaction(sql -> Actions.of(sql, eventId));
    }

    @Override
    public List<EventSummary> events(EventFilter filter) {
        return database.lazyTransaction(sql -> EventListing.find(sql, dialect, filter));
    }

    /**
     * Pending and dead deliveries are counted in {@code deliveries_status_destination}, delivered
     * ones in {@code deliveries_delivered}, each reading only index entries of the rows it counts.
     */
    @Override
    public List<DestinationCounts> countsByDestination(Instant deliveredSince) {
        return database.lazyTransaction(sql -> {
            Map<String, long[]> counts = new TreeMap<>();
            try (ResultSet rows = sql.bound(OPEN_COUNTS).executeQuery()) {
                while (rows.next()) {
                    long[] row = counts.computeIfAbsent(rows.getString(2), d -> new long[STATUSES]);
                    row[DeliveryStatus.parse(rows.getString(1)).ordinal()] = rows.getLong(3);
                }
            }
            try (ResultSet rows = sql.bound(DELIVERED_SINCE, deliveredSince.toEpochMilli()).executeQuery()) {
                while (rows.next()) {
                    long[] row = counts.computeIfAbsent(rows.getString(1), d -> new long[STATUSES]);
                    row[DeliveryStatus.DELIVERED.ordinal()] = rows.getLong(2);
                }
            }
            List<DestinationCounts> result = new ArrayList<>();
            counts.forEach((destination, row) -> result.add(new DestinationCounts(destination,
                    row[DeliveryStatus.PENDING.ordinal()], row[DeliveryStatus.DEAD.ordinal()],
                    row[DeliveryStatus.DELIVERED.ordinal()])));
            return result;
        });
    }

    @Override
    public long countPending(String destination) {
        return database.lazyTransaction(sql -> sql.count(
                "SELECT COUNT(*) FROM deliveries WHERE status = 'pending' AND destination = ?", destination));
    }

    @Override
    public long count(DeliveryStatus status) {
        return database.lazyTransaction(sql -> sql.count("SELECT COUNT(*) FROM deliveries WHERE status = ?",
                status.column()));
    }
}
