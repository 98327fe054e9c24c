package io.chatrelay.store;

import io.chatrelay.event.EventFacts;
import io.chatrelay.event.RawEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading rows into values; the only place that knows column names of a joined delivery. */
final class Rows {

    static final String DELIVERY_COLUMNS = "d.id, d.destination, d.route, d.attempts, e.id, e.type, "
            + "e.conversation_id, e.body, e.received_at, d.claim, d.digest_id, d.kind, d.target, d.after_id";

    private Rows() {}

    /** The first column of every row: the ids a claim picked. */
    static List<Long> ids(PreparedStatement statement) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    /** The claimed deliveries with their events, in one query, oldest first. */
    static List<Delivery> deliveries(Sql sql, List<Long> ids) throws SQLException {
        PreparedStatement select = sql.prepare("SELECT " + DELIVERY_COLUMNS
                + " FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.id IN ("
                + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ") ORDER BY d.id");
        for (int i = 0; i < ids.size(); i++) {
            select.setLong(i + 1, ids.get(i));
        }
        return deliveries(select);
    }

    /** The deliveries a query selecting {@link #DELIVERY_COLUMNS} finds, in its order. */
    static List<Delivery> deliveries(PreparedStatement select) throws SQLException {
        List<Delivery> deliveries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                deliveries.add(delivery(rows));
            }
        }
        return deliveries;
    }

    static Delivery delivery(ResultSet row) throws SQLException {
        RawEvent event = new RawEvent(row.getString(5), row.getString(6), row.getString(7), row.getBytes(8),
                Instant.ofEpochMilli(row.getLong(9)), EventFacts.NONE);
        return new Delivery(Long.toString(row.getLong(1)), event, row.getString(2), row.getString(3), row.getInt(4),
                row.getLong(10), row.getLong(11), DeliveryKind.ofColumn(row.getString(12)),
                java.util.Optional.ofNullable(row.getString(13)), row.getLong(14));
    }

    /** The columns {@link #view} reads, in its order; {@code d} is the delivery, {@code e} its event. */
    static final String VIEW_COLUMNS = "d.id, e.id, e.type, d.destination, d.route, d.status, d.attempts, "
            + "d.last_status, d.last_reason, d.updated_at, d.next_attempt_at, e.received_at, e.conversation_id, "
            + "(SELECT MAX(a.at) FROM attempts a WHERE a.delivery_id = d.id), d.kind";

    /** The views a query selecting {@link #VIEW_COLUMNS} finds, in its order. */
    static List<DeliveryView> views(PreparedStatement select) throws SQLException {
        List<DeliveryView> views = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                views.add(view(rows));
            }
        }
        return views;
    }

    static DeliveryView view(ResultSet row) throws SQLException {
        DeliveryStatus status = DeliveryStatus.valueOf(row.getString(6).toUpperCase(java.util.Locale.ROOT));
        return new DeliveryView(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), status, row.getInt(7), nullableInt(row, 8), row.getString(9),
                Instant.ofEpochMilli(row.getLong(10)),
                status == DeliveryStatus.PENDING ? Instant.ofEpochMilli(row.getLong(11)) : null,
                Instant.ofEpochMilli(row.getLong(12)), row.getString(13), nullableInstant(row, 14),
                DeliveryKind.ofColumn(row.getString(15)));
    }

    static AttemptView attempt(ResultSet row) throws SQLException {
        return new AttemptView(row.getInt(1), Instant.ofEpochMilli(row.getLong(2)),
                java.time.Duration.ofMillis(row.getLong(3)), row.getInt(4), row.getString(5), row.getString(6),
                row.getString(7), nullableInstant(row, 8));
    }

    /** Null for SQL NULL: {@code wasNull} asked right after reading this very column. */
    static Integer nullableInt(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    static Instant nullableInstant(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
