package io.chatrelay.store;

/** What is the same SQL on every database: shared schema steps, and which deliveries may be claimed. */
final class Schema {

    /** Migration 3: what replicas share besides deliveries: who is alive, and destinations told to wait. */
    static final String SHARED_STATE = """
            CREATE TABLE replicas (
              owner TEXT PRIMARY KEY,
              seen_at BIGINT NOT NULL
            );
            CREATE TABLE pauses (
              destination TEXT PRIMARY KEY,
              until_at BIGINT NOT NULL
            );
            """;

    /**
     * Each attempt's story: its classified outcome ({@code delivered}, {@code retry}, {@code dead}),
     * the masked start of the answer and when a retry was scheduled; and the indexes that find an
     * event's deliveries and a conversation's events. The same SQL on both databases.
     */
    static final String ATTEMPT_HISTORY = """
            ALTER TABLE attempts ADD COLUMN outcome TEXT;
            ALTER TABLE attempts ADD COLUMN answer TEXT;
            ALTER TABLE attempts ADD COLUMN next_attempt_at BIGINT;
            CREATE INDEX IF NOT EXISTS deliveries_event ON deliveries (event_id);
            CREATE INDEX IF NOT EXISTS events_conversation ON events (conversation_id);
            """;

    /**
     * Migration 6: the indexes the listings and counts read at any store size. Deliveries of one
     * status and destination, newest first, are a range of {@code deliveries_status_destination}:
     * a page of them, or their count, reads that many entries, not every delivery of the status.
     * Only delivered deliveries are looked up by when they were last updated (retention, "delivered
     * in the last hour"), so {@code deliveries_delivered} keeps only them: a pending delivery and
     * each retry of it no longer write it. Together they replace {@code deliveries_status (status,
     * updated_at)}, whose other readers (counts by status, replay of the dead) the first serves.
     * {@code deliveredColumns} differ by database: see each dialect.
     */
    static String listingIndexes(String deliveredColumns) {
        return """
                CREATE INDEX IF NOT EXISTS deliveries_status_destination ON deliveries (status, destination, id);
                CREATE INDEX IF NOT EXISTS deliveries_delivered ON deliveries (%s) WHERE status = 'delivered';
                DROP INDEX IF EXISTS deliveries_status;
                """.formatted(deliveredColumns);
    }

    /** Migration 7: retention finds old threads without reading every thread (see {@link Retention}). */
    static final String THREADS_BY_AGE = """
            CREATE INDEX IF NOT EXISTS threads_created ON threads (created_at);
            """;

    /**
     * Migration 8: replays answered once. {@code event_digests} holds, per topic and body, the event
     * that first brought them and when: a body whose digest is there and younger than
     * {@code chat_data.dedupe_window} is a copy, and is counted on its first event's {@code copies}.
     * {@code event_digests_first_at} lets retention find the old ones. On SQLite the table is
     * {@code WITHOUT ROWID}: the digest is its key, so an event costs one b-tree insert less.
     */
    static String eventDigests(String tableOptions) {
        return """
                CREATE TABLE event_digests (
                  digest TEXT PRIMARY KEY,
                  event_id TEXT NOT NULL,
                  first_at BIGINT NOT NULL
                )%s;
                CREATE INDEX event_digests_first_at ON event_digests (first_at);
                ALTER TABLE events ADD COLUMN copies INTEGER NOT NULL DEFAULT 1;
                """.formatted(tableOptions);
    }

    /**
     * Migration 9: digests, one row per period of a route's digest to one destination. At most one is open per
     * route and destination ({@code digests_open}): ingest finds or creates it in the event's own
     * transaction, and the claim of its delivery seals it, so the events it carries are fixed before
     * it is rendered. Its delivery ({@code deliveries.digest_id}) is created with its first event and
     * is due at the period's end; {@code digest_events} says which events it carries. {@code id}
     * differs by database: see each dialect.
     */
    static String digests(String idColumn) {
        return """
                CREATE TABLE digests (
                  id %s,
                  route TEXT NOT NULL,
                  destination TEXT NOT NULL,
                  period_start BIGINT NOT NULL,
                  period_end BIGINT NOT NULL,
                  max_events INTEGER NOT NULL,
                  sealed INTEGER NOT NULL DEFAULT 0
                );
                CREATE UNIQUE INDEX digests_open ON digests (route, destination) WHERE sealed = 0;
                CREATE TABLE digest_events (
                  digest_id BIGINT NOT NULL,
                  event_id TEXT NOT NULL,
                  PRIMARY KEY (digest_id, event_id)
                );
                CREATE INDEX digest_events_event ON digest_events (event_id);
                ALTER TABLE deliveries ADD COLUMN digest_id BIGINT;
                CREATE INDEX deliveries_digest ON deliveries (digest_id) WHERE digest_id IS NOT NULL;
                """.formatted(idColumn);
    }

    /**
     * Migration 10: what time intervals decided for an event at its acceptance, one line per route
     * they had a say in; NULL where none had (most events, and every event stored before).
     */
    static final String EVENT_ROUTING = """
            ALTER TABLE events ADD COLUMN routing TEXT;
            """;

    /**
     * Migration 11: who each event is about, for lists and search (see
     * {@link io.chatrelay.event.EventFacts}).
     * {@code events.who} and {@code events.excerpt} are what a list shows; {@code event_terms} holds
     * each event's lower-cased search terms, so that a search reads a range of its key, never the
     * events. {@code event_terms_event} lets retention delete an event's terms. Events stored before
     * this migration have neither: they are found by their id or conversation only. On SQLite the
     * table is {@code WITHOUT ROWID}, as {@code event_digests}. {@code termType} compares terms byte by
     * byte (UTF-8), so that the range of a prefix is the same on every database whatever its locale.
     */
    static String eventFacts(String termType, String tableOptions) {
        return """
                ALTER TABLE events ADD COLUMN who TEXT;
                ALTER TABLE events ADD COLUMN excerpt TEXT;
                CREATE TABLE event_terms (
                  term %s NOT NULL,
                  event_id TEXT NOT NULL,
                  PRIMARY KEY (term, event_id)
                )%s;
                CREATE INDEX event_terms_event ON event_terms (event_id);
                """.formatted(termType, tableOptions);
    }

    /**
     * Migration 12: operators' actions on deliveries (retry now, resend, replay of a filter), each
     * with where it came from ({@code console}, {@code api}, {@code cli}), for the event's story.
     * Written in the action's own transaction. {@code id} differs by database: see each dialect.
     */
    static String actions(String idColumn) {
        return """
                CREATE TABLE actions (
                  id %s,
                  event_id TEXT NOT NULL,
                  delivery_id BIGINT NOT NULL,
                  action TEXT NOT NULL,
                  source TEXT NOT NULL,
                  at BIGINT NOT NULL
                );
                CREATE INDEX actions_event ON actions (event_id);
                """.formatted(idColumn);
    }

    /**
     * Migration 13: escalations that people take. {@code deliveries.kind} says what a delivery sends:
     * NULL the event itself, {@code follow-up} an escalation nobody took in time, {@code edit} a
     * message already posted brought up to date (who took it, the visitor left), {@code notice} an
     * answer to one person's press; {@code target} is a platform's own reference of what a notice
     * or an edit is about (it may hold a {@code response_url}, and is never shown), {@code posted}
     * the platform's reference of the message a delivery posted, and {@code after_id} the delivery
     * whose message an edit edits: it waits for it while it is on its way, outside its
     * conversation's order so that it holds nothing back. At most
     * one claim per event: the primary key makes the first one win. {@code inbound} holds the ids of
     * the requests Slack and Telegram sent, to answer a resent one once; {@code settings} what every
     * replica shares, such as the key that signs claim links. An agent's reply in a thread finds its
     * escalation through {@code threads_thread} (Slack) or the message it answers through
     * {@code deliveries_posted} (Telegram).
     */
    static final String ESCALATIONS = """
            ALTER TABLE deliveries ADD COLUMN kind TEXT;
            ALTER TABLE deliveries ADD COLUMN target TEXT;
            ALTER TABLE deliveries ADD COLUMN posted TEXT;
            ALTER TABLE deliveries ADD COLUMN after_id BIGINT;
            CREATE TABLE claims (
              event_id TEXT PRIMARY KEY,
              by_id TEXT NOT NULL,
              by_name TEXT NOT NULL,
              via TEXT NOT NULL,
              at BIGINT NOT NULL,
              first_reply_at BIGINT
            );
            CREATE TABLE inbound (
              source TEXT NOT NULL,
              id TEXT NOT NULL,
              at BIGINT NOT NULL,
              PRIMARY KEY (source, id)
            );
            CREATE INDEX inbound_at ON inbound (at);
            CREATE TABLE settings (
              name TEXT PRIMARY KEY,
              value TEXT NOT NULL
            );
            CREATE INDEX threads_thread ON threads (destination, thread_id);
            CREATE INDEX deliveries_posted ON deliveries (destination, posted) WHERE posted IS NOT NULL;
            """;

    /**
     * Migration 14: the claim's two indexes hold pending deliveries only. A claim finds a
     * destination's due deliveries in {@code deliveries_due}, and whether one is the oldest pending
     * delivery of its conversation in {@code deliveries_conversation} ({@link #IS_HEAD}); nothing
     * looks up a delivery of another status in either. Yet both held every delivery kept, and each
     * settle moved its entry in both: two index entries deleted and two written, on pages far apart,
     * in every commit of the single writer. Partial, they hold what is still to be sent: a settle
     * only deletes its entries, and they stay as small as the backlog whatever the store's size. The
     * deliveries of a destination whatever their status are ranges of
     * {@code deliveries_status_destination} (see {@link EventListing}). {@code dueColumns} and
     * {@code conversationColumns} differ by database: see each dialect.
     */
    static String pendingIndexes(String dueColumns, String conversationColumns) {
        return """
                DROP INDEX IF EXISTS deliveries_due;
                CREATE INDEX deliveries_due ON deliveries (%s) WHERE status = 'pending';
                DROP INDEX IF EXISTS deliveries_conversation;
                CREATE INDEX deliveries_conversation ON deliveries (%s) WHERE status = 'pending';
                """.formatted(dueColumns, conversationColumns);
    }

    /**
     * The oldest pending delivery of each conversation, the only one that may be sent; and an edit
     * only once the message it edits is no longer on its way.
     */
    static final String IS_HEAD = """
            (d.order_key IS NULL OR NOT EXISTS (
                SELECT 1 FROM deliveries p
                WHERE p.destination = d.destination AND p.order_key = d.order_key
                  AND p.status = 'pending' AND p.id < d.id))
            AND (d.after_id IS NULL OR NOT EXISTS (
                SELECT 1 FROM deliveries t WHERE t.id = d.after_id AND t.status = 'pending'))""";

    /**
     * The ids of a destination's deliveries that may be claimed now: pending, due, not held by a
     * live lease, the head of their conversation, oldest first. Parameters: destination, now, now, max.
     */
    static final String CLAIMABLE = "SELECT d.id FROM deliveries d WHERE d.destination = ? "
            + "AND d.status = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?) "
            + "AND " + IS_HEAD + " ORDER BY d.next_attempt_at, d.id LIMIT ?";

    private Schema() {}
}
