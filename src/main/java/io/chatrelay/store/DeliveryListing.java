package io.chatrelay.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Deliveries matching a filter, newest first, in work that grows with the page asked for, not with
 * the store. An event or a conversation finds its few deliveries through its own index; a status,
 * a destination or both are read lane by lane from {@code deliveries_status_destination}, where the
 * deliveries of one status and destination are a range in id order. Sorting every delivery of a
 * status to keep the newest 50 is what this avoids (50 ms to 2 s on SQLite at a million deliveries).
 */
final class DeliveryListing {

    static final String FROM = " FROM deliveries d JOIN events e ON e.id = d.event_id";

    /**
     * The destinations with deliveries of a status, each found by one step down
     * {@code deliveries_status_destination} (a loose index scan): one lookup per destination, not a
     * read of every delivery of the status. Parameters: the status, twice.
     */
    static final String DESTINATIONS_WITH = """
            WITH RECURSIVE found(destination) AS (
              SELECT MIN(destination) FROM deliveries WHERE status = ?
              UNION ALL
              SELECT (SELECT MIN(d.destination) FROM deliveries d
                      WHERE d.status = ? AND d.destination > found.destination)
              FROM found WHERE found.destination IS NOT NULL)
            SELECT destination FROM found WHERE destination IS NOT NULL""";

    /** Views are read by id in pieces of this many, padded, so that one prepared statement serves every page. */
    private static final int PIECE = 100;
    private static final String VIEWS_BY_ID = "SELECT " + Rows.VIEW_COLUMNS + FROM + " WHERE d.id IN ("
            + String.join(", ", Collections.nCopies(PIECE, "?")) + ") ORDER BY d.id DESC";

    /** One status and one destination: a range of {@code deliveries_status_destination}. */
    record Lane(DeliveryStatus status, String destination) {}

    private DeliveryListing() {}

    static List<DeliveryView> find(Sql sql, SqlDialect dialect, DeliveryFilter filter) throws SQLException {
        if (!byLanes(filter)) {
            return Rows.views(newest(dialect, filter).bound(sql));
        }
        SortedSet<Long> newest = new TreeSet<>(Comparator.reverseOrder());
        for (Lane lane : lanes(sql, filter)) {
            newest.addAll(Rows.ids(lane(filter, lane).bound(sql)));
        }
        return viewsOf(sql, newest.stream().limit(filter.limit()).toList());
    }

    /**
     * Whether the filter is read lane by lane: a status, a destination or both, and neither an event
     * nor a conversation (their own indexes find their few deliveries).
     */
    static boolean byLanes(DeliveryFilter filter) {
        return filter.eventId() == null && filter.conversation() == null
                && (filter.status() != null || filter.destination() != null);
    }

    /**
     * Newest first by id: of an event or a conversation (their indexes find the rows; status and
     * destination only filter them), or of all deliveries, optionally since a time.
     */
    static Query newest(SqlDialect dialect, DeliveryFilter filter) {
        Where where = new Where();
        if (filter.status() != null) {
            where.and(dialect.filterOnly("d.status") + " = ?", filter.status().column());
        }
        where.andIfSet(dialect.filterOnly("d.destination") + " = ?", filter.destination());
        where.andIfSet("e.id = ?", filter.eventId());
        where.andIfSet("e.conversation_id = ?", filter.conversation());
        since(where, filter);
        where.andIfSet("d.id < ?", filter.before());
        return where.query("SELECT " + Rows.VIEW_COLUMNS + FROM, " ORDER BY d.id DESC LIMIT ?", filter.limit());
    }

    /**
     * The ids of a lane's newest {@code limit} deliveries that pass the filter's other conditions:
     * the lane's first entries in {@code deliveries_status_destination}. The page is the newest
     * {@code limit} of all lanes' together.
     */
    static Query lane(DeliveryFilter filter, Lane lane) {
        Where where = new Where().and("d.status = ?", lane.status().column())
                .and("d.destination = ?", lane.destination());
        since(where, filter);
        where.andIfSet("d.id < ?", filter.before());
        return where.query("SELECT d.id" + (filter.since() == null ? " FROM deliveries d" : FROM),
                " ORDER BY d.id DESC LIMIT ?", filter.limit());
    }

    /**
     * A status and a destination are one lane; a status alone, one per destination that has
     * deliveries of it; a destination alone, one per status.
     */
    private static List<Lane> lanes(Sql sql, DeliveryFilter filter) throws SQLException {
        if (filter.status() == null) {
            return Arrays.stream(DeliveryStatus.values()).map(s -> new Lane(s, filter.destination())).toList();
        }
        if (filter.destination() != null) {
            return List.of(new Lane(filter.status(), filter.destination()));
        }
        List<Lane> lanes = new ArrayList<>();
        String status = filter.status().column();
        try (ResultSet rows = sql.bound(DESTINATIONS_WITH, status, status).executeQuery()) {
            while (rows.next()) {
                lanes.add(new Lane(filter.status(), rows.getString(1)));
            }
        }
        return lanes;
    }

    private static void since(Where where, DeliveryFilter filter) {
        if (filter.since() != null) {
            where.and("e.received_at >= ?", filter.since().toEpochMilli());
        }
    }

    /** The views of these deliveries, in the order given (newest first). */
    private static List<DeliveryView> viewsOf(Sql sql, List<Long> ids) throws SQLException {
        List<DeliveryView> views = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += PIECE) {
            Object[] piece = new Object[PIECE];
            Arrays.fill(piece, -1L);
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + PIECE));
            for (int i = 0; i < part.size(); i++) {
                piece[i] = part.get(i);
            }
            views.addAll(Rows.views(sql.bound(VIEWS_BY_ID, piece)));
        }
        return views;
    }
}
