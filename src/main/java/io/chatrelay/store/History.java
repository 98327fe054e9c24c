package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read side of the outbox: what happened to events and deliveries, for people asking "where is it?". */
final class History {

    private static final String FROM = " FROM deliveries d JOIN events e ON e.id = d.event_id";
    private static final String ATTEMPTS = "SELECT number, at, duration_ms, status, outcome, reason, answer, "
            + "next_attempt_at FROM attempts WHERE delivery_id = ? ORDER BY number";

    private final Database database;

    History(Database database) {
        this.database = database;
    }

    List<DeliveryView> find(DeliveryFilter filter) {
        Where where = new Where();
        if (filter.status() != null) {
            where.and("d.status = ?", filter.status().column());
        }
        where.andIfSet("d.destination = ?", filter.destination());
        where.andIfSet("e.id = ?", filter.eventId());
        where.andIfSet("e.conversation_id = ?", filter.conversation());
        if (filter.since() != null) {
            where.and("e.received_at >= ?", filter.since().toEpochMilli());
        }
        where.andIfSet("d.id < ?", filter.before());
        String query = "SELECT " + Rows.VIEW_COLUMNS + FROM + where + " ORDER BY d.id DESC LIMIT ?";
        return database.lazyTransaction(sql -> views(sql.bound(query, where.parameters(filter.limit()))));
    }

    Optional<DeliveryView> delivery(long id) {
        String query = "SELECT " + Rows.VIEW_COLUMNS + FROM + " WHERE d.id = ?";
        return database.lazyTransaction(sql -> views(sql.bound(query, id)).stream().findFirst());
    }

    List<AttemptView> attempts(long deliveryId) {
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

    Optional<RawEvent> event(String id) {
        return database.lazyTransaction(sql -> {
            try (ResultSet row = sql.bound("SELECT id, type, conversation_id, body, received_at FROM events "
                    + "WHERE id = ?", id).executeQuery()) {
                return row.next() ? Optional.of(new RawEvent(row.getString(1), row.getString(2), row.getString(3),
                        row.getBytes(4), Instant.ofEpochMilli(row.getLong(5)))) : Optional.<RawEvent>empty();
            }
        });
    }

    List<EventSummary> events(EventFilter filter) {
        Where where = new Where();
        where.andIfSet("e.type = ?", filter.type());
        where.andIfSet("e.conversation_id = ?", filter.conversation());
        if (filter.since() != null) {
            where.and("e.received_at >= ?", filter.since().toEpochMilli());
        }
        where.andIfSet("e.id < ?", filter.before());
        if (filter.destination() != null || filter.status() != null) {
            Where delivery = new Where();
            delivery.and("d.event_id = e.id");
            delivery.andIfSet("d.destination = ?", filter.destination());
            if (filter.status() != null) {
                delivery.and("d.status = ?", filter.status().column());
            }
            where.and("EXISTS (SELECT 1 FROM deliveries d" + delivery + ")", delivery.parameters().toArray());
        }
        String query = "SELECT e.id, e.type, e.conversation_id, e.received_at, LENGTH(e.body) FROM events e" + where
                + " ORDER BY e.id DESC LIMIT ?";
        return database.lazyTransaction(sql -> {
            Map<String, Object[]> found = new LinkedHashMap<>();
            try (ResultSet rows = sql.bound(query, where.parameters(filter.limit())).executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), new Object[] {rows.getString(2), rows.getString(3),
                            Instant.ofEpochMilli(rows.getLong(4)), rows.getLong(5)});
                }
            }
            Map<String, List<DeliveryView>> deliveries = deliveriesOf(sql, List.copyOf(found.keySet()));
            List<EventSummary> events = new ArrayList<>(found.size());
            found.forEach((id, row) -> events.add(new EventSummary(id, (String) row[0], (String) row[1],
                    (Instant) row[2], (Long) row[3], deliveries.getOrDefault(id, List.of()))));
            return events;
        });
    }

    private static Map<String, List<DeliveryView>> deliveriesOf(Sql sql, List<String> eventIds) throws SQLException {
        Map<String, List<DeliveryView>> byEvent = new LinkedHashMap<>();
        if (eventIds.isEmpty()) {
            return byEvent;
        }
        String query = "SELECT " + Rows.VIEW_COLUMNS + FROM + " WHERE d.event_id IN ("
                + String.join(", ", Collections.nCopies(eventIds.size(), "?")) + ") ORDER BY d.id";
        for (DeliveryView view : views(sql.bound(query, eventIds.toArray()))) {
            byEvent.computeIfAbsent(view.eventId(), id -> new ArrayList<>()).add(view);
        }
        return byEvent;
    }

    List<DestinationCounts> countsByDestination(Instant deliveredSince) {
        String query = "SELECT destination, status, COUNT(*) FROM deliveries WHERE status IN ('pending', 'dead') "
                + "OR (status = 'delivered' AND updated_at >= ?) GROUP BY destination, status ORDER BY destination";
        return database.lazyTransaction(sql -> {
            Map<String, long[]> counts = new LinkedHashMap<>();
            try (ResultSet rows = sql.bound(query, deliveredSince.toEpochMilli()).executeQuery()) {
                while (rows.next()) {
                    long[] row = counts.computeIfAbsent(rows.getString(1), d -> new long[3]);
                    DeliveryStatus status = DeliveryStatus.parse(rows.getString(2));
                    row[status.ordinal()] = rows.getLong(3);
                }
            }
            List<DestinationCounts> result = new ArrayList<>();
            counts.forEach((destination, row) -> result.add(new DestinationCounts(destination,
                    row[DeliveryStatus.PENDING.ordinal()], row[DeliveryStatus.DEAD.ordinal()],
                    row[DeliveryStatus.DELIVERED.ordinal()])));
            return result;
        });
    }

    private static List<DeliveryView> views(PreparedStatement select) throws SQLException {
        List<DeliveryView> views = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                views.add(Rows.view(rows));
            }
        }
        return views;
    }

    /** A WHERE clause built from the filters that are set, with its parameters in order. */
    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        void and(String condition, Object... values) {
            conditions.add(condition);
            parameters.addAll(List.of(values));
        }

        void andIfSet(String condition, Object value) {
            if (value != null) {
                and(condition, value);
            }
        }

        List<Object> parameters() {
            return parameters;
        }

        Object[] parameters(int limit) {
            List<Object> all = new ArrayList<>(parameters);
            all.add(limit);
            return all.toArray();
        }

        @Override
        public String toString() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }
}
