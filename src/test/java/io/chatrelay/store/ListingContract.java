package io.chatrelay.store;

import static io.chatrelay.store.StoreKit.claimDue;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.StoreConfig;
import io.chatrelay.event.Ids;
import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listings, counts and retention on a store of many deliveries, on every database: the same
 * answers as reading every row, and plans that read a range of an index in the order asked for,
 * whatever the store's size. The store is filled the way FillStore fills the benchmark's: one
 * delivery per event, 1 % dead (all to {@code ops}), 2 % pending (all to {@code sink}), the rest
 * delivered; one in five to {@code ops}.
 */
abstract class ListingContract {

    static final int EVENTS = 20_000;
    static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    static final int PAGE = 51;

    String url;
    Store store;
    SqlDialect dialect;

    /** The JDBC URL of a new, empty store. */
    abstract String freshUrl();

    /** The plan the database would run {@code query} with, one line per step. */
    abstract List<String> plan(Connection connection, Query query) throws SQLException;

    /** Whether a plan sorts rows rather than reading them in an index's order. */
    abstract boolean sorts(List<String> plan);

    /** Whether a plan reads every row of {@code table} (called {@code alias} in the query). */
    abstract boolean readsWhole(List<String> plan, String table, String alias);

    /** What the database knows of the data before planning, as it would in production. */
    abstract void analyze(Connection connection) throws SQLException;

    /** The names of a table's indexes. */
    abstract List<String> indexes(Connection connection, String table) throws SQLException;

    /** One column of every row a query returns, as text. */
    static List<String> column(Connection connection, String sql, String column, List<?> parameters)
            throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(column));
                }
            }
        }
        return values;
    }

    @BeforeEach
    void openStore() {
        url = freshUrl();
        store = Store.open(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION));
        dialect = SqlDialect.forUrl(url);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** One row of the filled store, as a listing filters it. */
    record Row(long id, String eventId, DeliveryStatus status, String destination, long receivedAt) {}

    @Test
    void aPageOfDeliveriesOfAStatusOrDestinationIsARangeOfAnIndexInIdOrder() throws SQLException {
        List<Row> rows = fill();
        long since = T0.plusSeconds(EVENTS - 3_000).toEpochMilli();
        List<DeliveryFilter> filters = List.of(newest().withStatus(DeliveryStatus.DEAD),
                newest().withStatus(DeliveryStatus.PENDING).withDestination("sink"),
                newest().withStatus(DeliveryStatus.PENDING).withDestination("ops"),
                newest().withDestination("ops"),
                newest().withStatus(DeliveryStatus.DELIVERED).withBefore(rows.get(EVENTS / 2).id()),
                newest().withStatus(DeliveryStatus.DEAD).withSince(Instant.ofEpochMilli(since)));

        try (Connection connection = DriverManager.getConnection(url)) {
            for (DeliveryFilter filter : filters) {
                assertThat(pages(filter)).as("%s", filter).containsExactlyElementsOf(expected(rows, filter));
                for (DeliveryStatus status : filter.status() == null ? DeliveryStatus.values()
                        : new DeliveryStatus[] {filter.status()}) {
                    String destination = filter.destination() == null ? "ops" : filter.destination();
                    List<String> plan = plan(connection, DeliveryListing.lane(filter,
                            new DeliveryListing.Lane(status, destination)));
                    assertThat(sorts(plan)).as("%s sorts: %s", filter, plan).isFalse();
                    assertThat(readsWhole(plan, "deliveries", "d")).as("%s: %s", filter, plan).isFalse();
                }
            }
            List<String> destinations = plan(connection, new Query(DeliveryListing.DESTINATIONS_WITH,
                    List.of("dead", "dead")));
            assertThat(readsWhole(destinations, "deliveries", "d")).as("%s", destinations).isFalse();
        }
    }

    @Test
    void deliveriesOfAConversationOrEventAreFoundByItsIndexWhateverTheirStatus() throws SQLException {
        List<Row> rows = fill();
        DeliveryFilter filter = newest().withStatus(DeliveryStatus.DELIVERED).withDestination("sink")
                .withConversation("conv-42");

        assertThat(store.history().find(filter)).extracting(DeliveryView::id).containsExactlyElementsOf(rows.stream()
                .filter(r -> r.status() == DeliveryStatus.DELIVERED && r.destination().equals("sink"))
                .filter(r -> conversation(r.eventId()).equals("conv-42"))
                .map(Row::id).sorted(Comparator.reverseOrder()).toList());
        try (Connection connection = DriverManager.getConnection(url)) {
            List<String> plan = plan(connection, DeliveryListing.newest(dialect, filter));
            assertThat(plan).as("found by the conversation's events")
                    .anyMatch(line -> line.contains("events_conversation"))
                    .noneMatch(line -> line.contains("deliveries_status_destination"));
            assertThat(readsWhole(plan, "deliveries", "d")).as("%s", plan).isFalse();
        }
    }

    @Test
    void eventsFilteredByTheirDeliveriesAreTheSameWhetherFewOrManyMatch() throws SQLException {
        List<Row> rows = fill();
        EventFilter none = EventFilter.newest(PAGE).withDestination("ops").withStatus(DeliveryStatus.PENDING);
        EventFilter few = EventFilter.newest(PAGE).withDestination("ops").withStatus(DeliveryStatus.DEAD);
        EventFilter fewInAConversation = EventFilter.newest(PAGE).withStatus(DeliveryStatus.PENDING)
                .withConversation("conv-5");
        EventFilter many = EventFilter.newest(PAGE).withDestination("sink").withStatus(DeliveryStatus.DELIVERED);
        EventFilter manyOfAType = EventFilter.newest(PAGE).withType("chat").withStatus(DeliveryStatus.DELIVERED);
        EventFilter ofADestination = EventFilter.newest(PAGE).withDestination("ops");

        for (EventFilter filter : List.of(none, few, fewInAConversation, many, manyOfAType, ofADestination)) {
            assertThat(eventPages(filter, 3)).as("%s", filter).containsExactlyElementsOf(
                    expectedEvents(rows, filter).stream().limit(3L * PAGE).toList());
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            for (Query query : List.of(EventListing.matching(none), EventListing.matchingEvents(none),
                    EventListing.matchingEvents(few), EventListing.matching(ofADestination),
                    EventListing.matchingEvents(ofADestination))) {
                List<String> plan = plan(connection, query);
                assertThat(readsWhole(plan, "deliveries", "d")).as("%s", plan).isFalse();
            }
            List<String> piece = plan(connection, EventListing.byIds(few, List.of("100100", "100200"), PAGE));
            assertThat(readsWhole(piece, "events", "e")).as("%s", piece).isFalse();
            assertEachEventsDeliveriesAreFoundByTheirIndex(plan(connection, EventListing.scan(dialect, many)));
        }
    }

    /** A plan that checks each event's deliveries looks them up by event, not by status and destination. */
    abstract void assertEachEventsDeliveriesAreFoundByTheirIndex(List<String> plan);

    @Test
    void countsEachDestinationFromItsIndexEntries() throws SQLException {
        List<Row> rows = fill();
        Instant since = T0.plusSeconds(EVENTS - 200);

        assertThat(store.history().countsByDestination(since)).containsExactly(counts(rows, "ops", since),
                counts(rows, "sink", since));
        try (Connection connection = DriverManager.getConnection(url)) {
            List<String> open = plan(connection, new Query(JdbcHistory.OPEN_COUNTS, List.of()));
            List<String> delivered = plan(connection, new Query(JdbcHistory.DELIVERED_SINCE,
                    List.of(since.toEpochMilli())));
            assertReadsOnlyIndexEntries(open, "deliveries_status_destination");
            assertReadsOnlyIndexEntries(delivered, "deliveries_delivered");
        }
    }

    /** A plan that reads the entries of this index and nothing of the table. */
    abstract void assertReadsOnlyIndexEntries(List<String> plan, String index);

    @Test
    void claimsStillFindDueDeliveriesByTheirOwnIndexes() throws SQLException {
        fill();
        try (Connection connection = DriverManager.getConnection(url)) {
            List<String> plan = plan(connection, new Query(Schema.CLAIMABLE,
                    List.of("sink", T0.toEpochMilli(), T0.toEpochMilli(), 10)));
            assertThat(readsWhole(plan, "deliveries", "d")).as("%s", plan).isFalse();
            assertThat(readsWhole(plan, "deliveries", "p")).as("%s", plan).isFalse();
            assertClaimsUseTheirIndexes(plan);
        }
    }

    /** A claim reads {@code deliveries_due} and {@code deliveries_conversation}, not the listing's index. */
    abstract void assertClaimsUseTheirIndexes(List<String> plan);

    /** How many entries an index holds now. */
    abstract long indexEntries(Connection connection, String index) throws SQLException;

    @Test
    void dueAndConversationIndexesHoldOnlyPendingDeliveries() throws SQLException {
        long pending = fill().stream().filter(r -> r.status() == DeliveryStatus.PENDING).count();
        Instant later = T0.plusSeconds(EVENTS);
        List<Delivery> claimed = claimDue(store.outbox(), "sink", later, 3, Duration.ofSeconds(30));
        claimed.forEach(delivery -> assertThat(store.outbox().delivered(delivery, new Attempt(later, 200, "OK",
                Duration.ofMillis(5)), Deadline.in(Duration.ofSeconds(10), Clock.systemUTC()))).isTrue());

        try (Connection connection = DriverManager.getConnection(url)) {
            assertThat(indexEntries(connection, "deliveries_status_destination")).as("every delivery")
                    .isEqualTo(EVENTS);
            assertThat(indexEntries(connection, "deliveries_due")).as("the pending ones, less those settled")
                    .isEqualTo(pending - 3);
            assertThat(indexEntries(connection, "deliveries_conversation")).isEqualTo(pending - 3);
        }
    }

    @Test
    void retentionReadsOnlyWhatIsOldEnoughToPrune() throws SQLException {
        fill();
        long cutoff = T0.plusSeconds(100).toEpochMilli();
        try (Connection connection = DriverManager.getConnection(url)) {
            List<String> prunable = plan(connection, new Query(Retention.PRUNABLE, List.of(cutoff, 500)));
            List<String> oldEvents = plan(connection, new Query(Retention.OLD_EVENTS, List.of("", Ids.first(cutoff),
                    500)));
            assertThat(readsWhole(prunable, "deliveries", "deliveries")).as("%s", prunable).isFalse();
            assertThat(readsWhole(oldEvents, "events", "events")).as("%s", oldEvents).isFalse();
        }
    }

    @Test
    void prunesOldEventsNoRouteTookAndKeepsNewerOnesAndThoseWithDeliveries() {
        Instant old = T0.minus(Duration.ofDays(8));
        RawEvent unrouted = event(old);
        RawEvent dead = event(old.plusSeconds(1));
        RawEvent recent = event(T0.minusSeconds(60));
        store.outbox().enqueue(unrouted, List.of());
        store.outbox().enqueue(dead, List.of(new Target("crm", "leads")));
        store.outbox().enqueue(recent, List.of());
        store.outbox().dead(claimDue(store.outbox(), "crm", dead.receivedAt(), 1, Duration.ofSeconds(30)).get(0),
                new Attempt(dead.receivedAt(), 404, "404", Duration.ofMillis(5)),
                Deadline.in(Duration.ofSeconds(10), Clock.systemUTC()));

        store.outbox().pruneDelivered(T0.minus(StoreConfig.DEFAULT_RETENTION));

        assertThat(store.history().events(EventFilter.newest(10))).extracting(EventSummary::id)
                .containsExactly(recent.id(), dead.id());
    }

    /**
     * Closes the store under test and points {@link #url} at a fresh store whose schema is at
     * {@code version}, for a test to fill as a relay of that version would before opening it.
     */
    private void closeForAStoreAtVersion(int version) {
        store.close();
        url = freshUrl();
        Database database = StoreKit.open(dialect, url);
        try {
            Migrations.apply(database, dialect, version);
        } finally {
            database.close();
        }
    }

    @Test
    void aStoreAtTheFormerSchemaVersionMigratesKeepingEveryDelivery() throws SQLException {
        closeForAStoreAtVersion(5); // before migration 6, the listing indexes
        List<Row> rows = fill(); // into the former schema, with its indexes

        store = Store.open(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION));

        assertThat(store.history().find(DeliveryFilter.newest(EVENTS + 1))).hasSize(EVENTS);
        assertThat(pages(newest().withStatus(DeliveryStatus.DEAD))).containsExactlyElementsOf(
                expected(rows, newest().withStatus(DeliveryStatus.DEAD)));
        assertThat(store.history().count(DeliveryStatus.PENDING)).isEqualTo(rows.stream()
                .filter(r -> r.status() == DeliveryStatus.PENDING).count());
        try (Connection connection = DriverManager.getConnection(url)) {
            assertThat(indexes(connection, "deliveries")).contains("deliveries_status_destination",
                    "deliveries_delivered").doesNotContain("deliveries_status");
            assertThat(indexes(connection, "threads")).as("migration 7").contains("threads_created");
        }
    }

    @Test
    void aStoreFilledBeforeThePartialIndexesClaimsEachConversationsPendingDeliveriesInOrder() throws SQLException {
        closeForAStoreAtVersion(13); // before migration 14, the claim's partial indexes
        long pending = fill().stream().filter(r -> r.status() == DeliveryStatus.PENDING).count();

        store = Store.open(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION));

        try (Connection connection = DriverManager.getConnection(url)) {
            assertThat(indexEntries(connection, "deliveries_due")).isEqualTo(pending);
            assertThat(indexEntries(connection, "deliveries_conversation")).isEqualTo(pending);
        }
        // events 100001 and 100002 are the pending deliveries of conv-0, 100101 and 100102 of conv-5, ...
        Instant later = T0.plusSeconds(EVENTS);
        List<Delivery> heads = claimDue(store.outbox(), "sink", later, 3, Duration.ofSeconds(30));
        assertThat(heads).extracting(d -> d.event().id()).as("the oldest of each conversation only")
                .containsExactly("100001", "100101", "100201");
        heads.forEach(delivery -> store.outbox().delivered(delivery, new Attempt(later, 200, "OK",
                Duration.ofMillis(5)), Deadline.in(Duration.ofSeconds(10), Clock.systemUTC())));
        assertThat(claimDue(store.outbox(), "sink", later, 3, Duration.ofSeconds(30))).extracting(d -> d.event().id())
                .as("each next in its conversation, older than the next conversation's head")
                .containsExactly("100002", "100102", "100202");
    }

    @Test
    void findsAnEventByWhoItIsAboutItsConversationOrTheStartOfItsIdInAnyCase() throws SQLException {
        fill();
        try (Connection connection = DriverManager.getConnection(url)) { // a term for each filled event
            connection.createStatement().executeUpdate("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                    + "FROM n WHERE i < " + EVENTS + ") INSERT INTO event_terms (term, event_id) "
                    + "SELECT 'lead-' || CAST(i AS TEXT) || '@example.org', CAST(100000 + i AS TEXT) FROM n");
        }
        RawEvent jane = json(1, """
                {"event": "lead-submission", "lead": {"name": "Jane Doe", "email": "Jane@Example.com",
                 "phone": "+1 (555) 010-2030"}}""");
        RawEvent visitor = json(2, """
                {"event": "user-online", "conversation_id": "conv-jan", "name": "Jan Novak", "email": "jan@other.org"}""");
        RawEvent chat = json(3, """
                {"event": "chat", "conversation_id": "Conv-X", "lead": {"email": "jane@example.com"}, "messages": [
                 {"role": "assistant", "content": "Hello, how can I help?"},
                 {"role": "user", "content": "Where is my order #42? It was due on Monday and nothing has arrived\\n yet, please tell me what happened"}]}""");

        assertThat(searched("JANE@example.COM")).containsExactly(chat.id(), jane.id());
        assertThat(searched("jane")).as("a name or an email by its start").containsExactly(chat.id(), jane.id());
        assertThat(searched("jan")).containsExactly(chat.id(), visitor.id(), jane.id());
        assertThat(searched("Doe")).as("a word of the name").containsExactly(jane.id());
        assertThat(searched("example.com")).as("the email's domain").containsExactly(chat.id(), jane.id());
        assertThat(searched("+1 555 010")).as("the phone as written").containsExactly(jane.id());
        assertThat(searched("555-010-2030")).as("the phone without its country code").containsExactly(jane.id());
        assertThat(searched("conv-jan")).as("the conversation").containsExactly(visitor.id());
        assertThat(searched("Conv-X")).containsExactly(chat.id());
        assertThat(searched(jane.id().substring(0, 13).toUpperCase())).as("the start of the id")
                .containsExactly(jane.id());
        assertThat(searched("nobody")).isEmpty();
        assertThat(store.history().events(EventFilter.newest(PAGE).withSearch("example.com").withType("chat")))
                .extracting(EventSummary::id).containsExactly(chat.id());
        assertThat(store.history().events(EventFilter.newest(1).withSearch("example.com").withBefore(chat.id())))
                .extracting(EventSummary::id).as("a page after the cursor").containsExactly(jane.id());

        List<EventSummary> found = store.history().events(EventFilter.newest(PAGE).withSearch("jan"));
        assertThat(found).extracting(EventSummary::who).containsExactly("jane@example.com", "Jan Novak", "Jane Doe");
        assertThat(found.get(0).excerpt()).as("the first words of the visitor's message")
                .startsWith("Where is my order #42? It was due on Monday and nothing has arrived yet,").endsWith("…")
                .hasSizeLessThanOrEqualTo(81);
        assertThat(found.get(2).excerpt()).isNull();
        try (Connection connection = DriverManager.getConnection(url)) {
            analyze(connection);
            List<String> plan = plan(connection, EventSearch.candidates("jane", null, 500));
            assertThat(readsWhole(plan, "events", "e")).as("%s", plan).isFalse();
            assertThat(readsWhole(plan, "event_terms", "t")).as("%s", plan).isFalse();
        }
    }

    @Test
    void eventsStoredBeforeTheSearchTermsAreFoundByTheirConversationOrId() throws SQLException {
        closeForAStoreAtVersion(8); // before migration 9, who an event is about
        String id = Ids.newId(Clock.fixed(T0, ZoneOffset.UTC));
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO events (id, type, conversation_id, "
                     + "body, received_at) VALUES (?, 'lead-submission', 'conv-old', ?, ?)")) {
            insert.setString(1, id);
            insert.setBytes(2, "{\"lead\": {\"email\": \"jane@example.com\"}}".getBytes());
            insert.setLong(3, T0.toEpochMilli());
            insert.executeUpdate();
        }

        store = Store.open(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION));

        assertThat(searched("conv-old")).containsExactly(id);
        assertThat(searched(id.substring(0, 13))).containsExactly(id);
        assertThat(searched("jane@example.com")).as("its body was never read for terms").isEmpty();
        assertThat(store.history().events(EventFilter.newest(1)).get(0).who()).isNull();
    }

    @Test
    void retentionForgetsThePrunedEventsSearchTerms() throws SQLException {
        RawEvent old = new RawEvent(Ids.newId(Clock.fixed(T0.minus(Duration.ofDays(8)), ZoneOffset.UTC)),
                "lead-submission", null, "{\"lead\": {\"name\": \"Jane Doe\"}}".getBytes(),
                T0.minus(Duration.ofDays(8)));
        store.outbox().enqueue(old, List.of());

        store.outbox().pruneDelivered(T0.minus(StoreConfig.DEFAULT_RETENTION));

        try (Connection connection = DriverManager.getConnection(url)) {
            assertThat(column(connection, "SELECT COUNT(*) AS n FROM event_terms", "n", List.of())).containsExactly("0");
        }
    }

    /** The ids a search finds, newest first. */
    private List<String> searched(String text) {
        return store.history().events(EventFilter.newest(PAGE).withSearch(text)).stream().map(EventSummary::id)
                .toList();
    }

    /** An event {@code second} seconds after the filled ones, with one delivery, accepted from this body. */
    private RawEvent json(int second, String body) {
        Instant at = T0.plusSeconds(EVENTS + second);
        String type = body.replaceAll("(?s).*\"event\": \"([a-z-]+)\".*", "$1");
        String conversation = body.contains("conversation_id") ? body.replaceAll("(?s).*\"conversation_id\": \"([^\"]+)\".*", "$1")
                : null;
        RawEvent event = new RawEvent(Ids.newId(Clock.fixed(at, ZoneOffset.UTC)), type, conversation,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8), at);
        store.outbox().enqueue(event, List.of(new Target("sink", "all")));
        return event;
    }

    static DeliveryFilter newest() {
        return DeliveryFilter.newest(PAGE);
    }

    private static RawEvent event(Instant at) {
        return new RawEvent(Ids.newId(Clock.fixed(at, ZoneOffset.UTC)), "user-online", null, "{}".getBytes(), at);
    }

    /** Every page of a delivery listing, following its cursor, as the admin API does. */
    private List<Long> pages(DeliveryFilter filter) {
        List<Long> ids = new ArrayList<>();
        for (List<DeliveryView> page = store.history().find(filter); !page.isEmpty();
             page = store.history().find(filter.withBefore(ids.get(ids.size() - 1)))) {
            page.forEach(view -> ids.add(view.id()));
        }
        return ids;
    }

    /** Up to {@code count} pages of an event listing, following its cursor. */
    private List<String> eventPages(EventFilter filter, int count) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < count; i++) {
            List<EventSummary> page = store.history().events(filter.withBefore(cursor));
            if (page.isEmpty()) {
                break;
            }
            page.forEach(event -> ids.add(event.id()));
            cursor = ids.get(ids.size() - 1);
        }
        return ids;
    }

    private static List<Long> expected(List<Row> rows, DeliveryFilter filter) {
        return rows.stream().filter(r -> filter.status() == null || r.status() == filter.status())
                .filter(r -> filter.destination() == null || r.destination().equals(filter.destination()))
                .filter(r -> filter.before() == null || r.id() < filter.before())
                .filter(r -> filter.since() == null || r.receivedAt() >= filter.since().toEpochMilli())
                .map(Row::id).sorted(Comparator.reverseOrder()).toList();
    }

    private static List<String> expectedEvents(List<Row> rows, EventFilter filter) {
        TreeSet<String> ids = new TreeSet<>(Comparator.reverseOrder());
        rows.stream().filter(r -> filter.status() == null || r.status() == filter.status())
                .filter(r -> filter.destination() == null || r.destination().equals(filter.destination()))
                .filter(r -> filter.type() == null || type(r.eventId()).equals(filter.type()))
                .filter(r -> filter.conversation() == null || conversation(r.eventId()).equals(filter.conversation()))
                .forEach(r -> ids.add(r.eventId()));
        return List.copyOf(ids);
    }

    private static DestinationCounts counts(List<Row> rows, String destination, Instant since) {
        Predicate<Row> to = r -> r.destination().equals(destination);
        return new DestinationCounts(destination,
                rows.stream().filter(to).filter(r -> r.status() == DeliveryStatus.PENDING).count(),
                rows.stream().filter(to).filter(r -> r.status() == DeliveryStatus.DEAD).count(),
                rows.stream().filter(to).filter(r -> r.status() == DeliveryStatus.DELIVERED)
                        .filter(r -> r.receivedAt() + 50 >= since.toEpochMilli()).count());
    }

    /** Event {@code 100000 + i} is a chat when {@code i} is a multiple of 5, else a lead. */
    private static String type(String eventId) {
        return Integer.parseInt(eventId) % 5 == 0 ? "chat" : "lead-submission";
    }

    /** Event {@code 100000 + i} is of conversation {@code conv-(i / 20)}. */
    private static String conversation(String eventId) {
        return "conv-" + (Integer.parseInt(eventId) - 100_000) / 20;
    }

    /**
     * Fills the store with {@link #EVENTS} events of one delivery each, in a few statements (as
     * FillStore does), and returns the deliveries as read back. Event {@code i} is accepted at
     * {@code T0 + i} seconds.
     */
    List<Row> fill() throws SQLException {
        String numbers = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + EVENTS + ") ";
        String at = "(" + T0.toEpochMilli() + " + i * 1000)";
        String status = "CASE WHEN i % 100 = 0 THEN 'dead' WHEN i % 100 BETWEEN 1 AND 2 THEN 'pending' "
                + "ELSE 'delivered' END";
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            try (PreparedStatement events = connection.prepareStatement(numbers + "INSERT INTO events (id, type, "
                    + "conversation_id, body, received_at) SELECT CAST(100000 + i AS TEXT), CASE WHEN i % 5 = 0 THEN "
                    + "'chat' ELSE 'lead-submission' END, 'conv-' || CAST(i / 20 AS TEXT), ?, " + at + " FROM n");
                 PreparedStatement deliveries = connection.prepareStatement(numbers + "INSERT INTO deliveries "
                         + "(event_id, destination, route, order_key, status, attempts, next_attempt_at, updated_at) "
                         + "SELECT CAST(100000 + i AS TEXT), CASE WHEN i % 5 = 0 THEN 'ops' ELSE 'sink' END, 'all', "
                         + "'conv-' || CAST(i / 20 AS TEXT), " + status + ", 1, " + at + ", " + at + " + 50 FROM n")) {
                events.setBytes(1, "{}".getBytes());
                events.executeUpdate();
                deliveries.executeUpdate();
            }
            connection.commit();
            connection.setAutoCommit(true);
            analyze(connection);
            List<Row> rows = new ArrayList<>();
            try (ResultSet row = connection.createStatement().executeQuery("SELECT d.id, d.event_id, d.status, "
                    + "d.destination, e.received_at FROM deliveries d JOIN events e ON e.id = d.event_id")) {
                while (row.next()) {
                    rows.add(new Row(row.getLong(1), row.getString(2), DeliveryStatus.parse(row.getString(3)),
                            row.getString(4), row.getLong(5)));
                }
            }
            rows.sort(Comparator.comparingLong(Row::id));
            return rows;
        }
    }
}
