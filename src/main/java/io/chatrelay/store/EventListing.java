package io.chatrelay.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Events matching a filter, newest first (event ids are time-ordered), each with its deliveries.
 * A filter on the deliveries ({@code destination}, {@code status}) is answered from the smaller
 * side. When few deliveries match, their events are looked up from them: a filter that matches
 * nothing costs nothing, where scanning events for it read every event (0.3-1.2 s at a million).
 * When many match, scanning events newest first meets a page of them soon.
 */
final class EventListing {

    /**
     * Up to this many matching deliveries, their events are looked up from them; with more, one
     * event in {@code events / FEW} or more has one, so a page of 50 is met within a few thousand
     * events while they are spread over time. Counting up to it reads that many index entries.
     */
    static final int FEW = 5_000;

    /** Events are read by id in pieces of this many, padded, so that one prepared statement serves every page. */
    private static final int PIECE = 100;
    /** Ids a search names, read per chunk until a page passes the other filters. */
    private static final int SEARCHED = 500;
    private static final String COLUMNS = "SELECT e.id, e.type, e.conversation_id, e.received_at, LENGTH(e.body), "
            + "e.who, e.excerpt FROM events e";

    private record Found(String id, String type, String conversation, Instant receivedAt, long size, String who,
                         String excerpt) {}

    private EventListing() {}

    static List<EventSummary> find(Sql sql, SqlDialect dialect, EventFilter filter) throws SQLException {
        List<Found> found;
        if (filter.search() != null) {
            found = fromSearch(sql, dialect, filter);
        } else if ((filter.destination() != null || filter.status() != null) && count(sql, matching(filter)) <= FEW) {
            found = fromDeliveries(sql, filter);
        } else {
            found = read(scan(dialect, filter).bound(sql), new ArrayList<>());
        }
        Map<String, List<DeliveryView>> deliveries = deliveriesOf(sql, found.stream().map(Found::id).toList());
        return found.stream().map(e -> new EventSummary(e.id(), e.type(), e.conversation(), e.receivedAt(), e.size(),
                deliveries.getOrDefault(e.id(), List.of()), e.who(), e.excerpt())).toList();
    }

    /**
     * Events newest first, each checked against the filter; a delivery filter checks each event's
     * own deliveries, found by {@code deliveries_event}.
     */
    static Query scan(SqlDialect dialect, EventFilter filter) {
        Where where = ownDeliveries(dialect, eventConditions(new Where(), filter), filter);
        return where.query(COLUMNS, " ORDER BY e.id DESC LIMIT ?", filter.limit());
    }

    /** The condition that an event has a delivery passing the delivery filters, when there are any. */
    private static Where ownDeliveries(SqlDialect dialect, Where where, EventFilter filter) {
        if (filter.destination() != null || filter.status() != null) {
            Where probe = deliveryConditions(filter, dialect::filterOnly).and("d.event_id = e.id");
            where.and("EXISTS (SELECT 1 FROM deliveries d" + probe + ")", probe.parameters().toArray());
        }
        return where;
    }

    /** How many deliveries match the delivery filter, counted up to {@link #FEW} + 1 in the index that finds them. */
    static Query matching(EventFilter filter) {
        return finding(filter).query("SELECT COUNT(*) FROM (SELECT 1 FROM deliveries d", " LIMIT ?) m", FEW + 1);
    }

    /** The ids of the events of the matching deliveries (few), newest first, from the cursor on. */
    static Query matchingEvents(EventFilter filter) {
        return finding(filter).andIfSet("d.event_id < ?", filter.before())
                .query("SELECT DISTINCT d.event_id FROM deliveries d", " ORDER BY d.event_id DESC");
    }

    /**
     * The delivery filters where they find the deliveries. A destination alone is every status of
     * it: one range of {@code deliveries_status_destination} per status, the only index that holds
     * a destination's deliveries whatever their status (the claim's hold pending ones only).
     */
    private static Where finding(EventFilter filter) {
        Where where = deliveryConditions(filter, UnaryOperator.identity());
        return filter.status() != null ? where : where.and("d.status IN (" + String.join(", ",
                Arrays.stream(DeliveryStatus.values()).map(s -> "'" + s.column() + "'").toList()) + ")");
    }

    /** Of these events (a piece of {@link #PIECE} ids, padded), those that pass the event filters, newest first. */
    static Query byIds(EventFilter filter, List<String> ids, int limit) {
        return byIds(filter, ids, limit, UnaryOperator.identity());
    }

    private static Query byIds(EventFilter filter, List<String> ids, int limit, UnaryOperator<Where> more) {
        Object[] piece = new Object[PIECE];
        Arrays.fill(piece, "");
        for (int i = 0; i < ids.size(); i++) {
            piece[i] = ids.get(i);
        }
        Where where = more.apply(eventConditions(new Where().and("e.id IN ("
                + String.join(", ", Collections.nCopies(PIECE, "?")) + ")", piece), filter));
        return where.query(COLUMNS, " ORDER BY e.id DESC LIMIT ?", limit);
    }

    /** The events of the (few) matching deliveries, newest first, checked against the event filters. */
    private static List<Found> fromDeliveries(Sql sql, EventFilter filter) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rows = matchingEvents(filter).bound(sql).executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        List<Found> found = new ArrayList<>();
        for (int from = 0; from < ids.size() && found.size() < filter.limit(); from += PIECE) {
            List<String> piece = ids.subList(from, Math.min(ids.size(), from + PIECE));
            read(byIds(filter, piece, filter.limit() - found.size()).bound(sql), found);
        }
        return found;
    }

    /**
     * The events the search names, a chunk at a time newest first, checked against every other
     * filter, until a page is full or none are left.
     */
    private static List<Found> fromSearch(Sql sql, SqlDialect dialect, EventFilter filter) throws SQLException {
        List<Found> found = new ArrayList<>();
        String cursor = filter.before();
        while (found.size() < filter.limit()) {
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = EventSearch.candidates(filter.search(), cursor, SEARCHED).bound(sql).executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            for (int from = 0; from < ids.size() && found.size() < filter.limit(); from += PIECE) {
                List<String> piece = ids.subList(from, Math.min(ids.size(), from + PIECE));
                read(byIds(filter, piece, filter.limit() - found.size(), w -> ownDeliveries(dialect, w, filter))
                        .bound(sql), found);
            }
            if (ids.size() < SEARCHED) {
                break;
            }
            cursor = ids.get(ids.size() - 1);
        }
        return found;
    }

    /**
     * The delivery filters, each column as {@code column} gives it: as itself where the filters find
     * the deliveries, or as {@link SqlDialect#filterOnly} where they check those an event's own index found.
     */
    private static Where deliveryConditions(EventFilter filter, UnaryOperator<String> column) {
        Where where = new Where();
        where.andIfSet(column.apply("d.destination") + " = ?", filter.destination());
        if (filter.status() != null) {
            where.and(column.apply("d.status") + " = ?", filter.status().column());
        }
        return where;
    }

    private static Where eventConditions(Where where, EventFilter filter) {
        where.andIfSet("e.type = ?", filter.type());
        where.andIfSet("e.conversation_id = ?", filter.conversation());
        if (filter.since() != null) {
            where.and("e.received_at >= ?", filter.since().toEpochMilli());
        }
        return where.andIfSet("e.id < ?", filter.before());
    }

    private static long count(Sql sql, Query query) throws SQLException {
        try (ResultSet row = query.bound(sql).executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static List<Found> read(PreparedStatement select, List<Found> found) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(new Found(rows.getString(1), rows.getString(2), rows.getString(3),
                        Instant.ofEpochMilli(rows.getLong(4)), rows.getLong(5), rows.getString(6),
                        rows.getString(7)));
            }
        }
        return found;
    }

    private static Map<String, List<DeliveryView>> deliveriesOf(Sql sql, List<String> eventIds) throws SQLException {
        Map<String, List<DeliveryView>> byEvent = new LinkedHashMap<>();
        if (eventIds.isEmpty()) {
            return byEvent;
        }
        String query = "SELECT " + Rows.VIEW_COLUMNS + DeliveryListing.FROM + " WHERE d.event_id IN ("
                + String.join(", ", Collections.nCopies(eventIds.size(), "?")) + ") ORDER BY d.id";
        for (DeliveryView view : Rows.views(sql.bound(query, eventIds.toArray()))) {
            byEvent.computeIfAbsent(view.eventId(), id -> new ArrayList<>()).add(view);
        }
        digestsOf(sql, eventIds, byEvent);
        return byEvent;
    }

    /**
     * The digest deliveries that carry the events, each listed with every event it carries (a
     * digest's own delivery names only the period's first event).
     */
    private static void digestsOf(Sql sql, List<String> eventIds, Map<String, List<DeliveryView>> byEvent)
            throws SQLException {
        String query = "SELECT de.event_id, d.id FROM digest_events de JOIN deliveries d ON d.digest_id = de.digest_id "
                + "WHERE de.event_id IN (" + String.join(", ", Collections.nCopies(eventIds.size(), "?"))
                + ") AND d.event_id <> de.event_id ORDER BY d.id";
        Map<Long, List<String>> carried = new LinkedHashMap<>();
        try (java.sql.ResultSet rows = sql.bound(query, eventIds.toArray()).executeQuery()) {
            while (rows.next()) {
                carried.computeIfAbsent(rows.getLong(2), id -> new ArrayList<>()).add(rows.getString(1));
            }
        }
        for (Map.Entry<Long, List<String>> digest : carried.entrySet()) {
            for (DeliveryView view : Rows.views(sql.bound("SELECT " + Rows.VIEW_COLUMNS + DeliveryListing.FROM
                    + " WHERE d.id = ?", digest.getKey()))) {
                digest.getValue().forEach(event -> byEvent.computeIfAbsent(event, id -> new ArrayList<>()).add(view));
            }
        }
    }
}
