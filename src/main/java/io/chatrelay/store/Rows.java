package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading rows into values; the only place that knows column names of a joined delivery. */
final class Rows {

    static final String DELIVERY_COLUMNS = "d.id, d.destination, d.route, d.attempts, e.id, e.type, "
            + "e.conversation_id, e.body, e.received_at";

    private Rows() {}

    static List<Delivery> deliveries(Connection connection, List<Long> ids) throws SQLException {
        List<Delivery> deliveries = new ArrayList<>(ids.size());
        try (PreparedStatement select = connection.prepareStatement("SELECT " + DELIVERY_COLUMNS
                + " FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.id = ?")) {
            for (long id : ids) {
                select.setLong(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        deliveries.add(delivery(row));
                    }
                }
            }
        }
        return deliveries;
    }

    static Delivery delivery(ResultSet row) throws SQLException {
        RawEvent event = new RawEvent(row.getString(5), row.getString(6), row.getString(7), row.getBytes(8),
                Instant.ofEpochMilli(row.getLong(9)));
        return new Delivery(Long.toString(row.getLong(1)), event, row.getString(2), row.getString(3), row.getInt(4));
    }

    static DeliveryView view(ResultSet row) throws SQLException {
        int lastStatus = row.getInt(8);
        return new DeliveryView(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                DeliveryStatus.valueOf(row.getString(6).toUpperCase(java.util.Locale.ROOT)), row.getInt(7),
                row.wasNull() ? null : lastStatus, row.getString(9), Instant.ofEpochMilli(row.getLong(10)),
                Instant.ofEpochMilli(row.getLong(11)));
    }
}
