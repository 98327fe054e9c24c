package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link Outbox} on a JDBC database; what differs per database lives in its {@link SqlDialect}. */
final class JdbcOutbox implements Outbox {

    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final String NEXT_DUE = "SELECT MIN(d.next_attempt_at) FROM deliveries d "
            + "WHERE d.destination = ? AND d.status = 'pending' AND d.lease_until IS NULL AND " + Schema.IS_HEAD;
    private static final String RELEASE = "UPDATE deliveries SET lease_until = NULL, lease_owner = NULL, "
            + "claim = claim + 1 WHERE id = ? AND claim = ? AND status = 'pending'";

    private final Database database;
    private final SqlDialect dialect;
    /**
     * A notice about a claimed delivery, queued only while the claim is still its latest; where the
     * database has row locks, it keeps it so until the settle that follows in the same transaction,
     * so that a replica taking the delivery over meanwhile cannot have it queued twice.
     */
    private final String queueAfter;
    private final Settles settles;
    private final GroupCommit durable;
    /** Outcomes; on a single-writer store the same writer as {@link #durable}, claims included. */
    private final GroupCommit lazy;
    private final String owner = UUID.randomUUID().toString();
    private final SharedState shared;
    private final EventRows rows;
    private final JdbcClaims claims;
    private final JdbcReplies replies;

    JdbcOutbox(Database database, SqlDialect dialect) {
        this.database = database;
        this.dialect = dialect;
        this.queueAfter = "INSERT INTO deliveries (event_id, destination, route, order_key, status, attempts, "
                + "next_attempt_at, updated_at, kind, target) SELECT d.event_id, ?, d.route, NULL, 'pending', 0, ?, ?, "
                + "'notice', ? FROM deliveries d WHERE d.id = ? AND d.claim = ?" + dialect.lockRows();
        // a single writer's transaction holds the whole store, so the attempt row needs no lock of its
        // own; where rows are locked one by one (PostgreSQL), the settle and its attempt are one statement
        this.settles = new Settles(!dialect.singleWriter());
        this.durable = new GroupCommit(database, "relay-group-commit");
        this.lazy = dialect.singleWriter() ? durable : new GroupCommit(database, "relay-outcome-commit");
        this.shared = new JdbcSharedState(database, owner);
        this.rows = new EventRows(new Digests(dialect));
        this.claims = new JdbcClaims(database, durable);
        this.replies = new JdbcReplies(database, durable);
    }

    /** Replies share the durable writer: a reply is stored, synced, before the platform is answered. */
    @Override
    public JdbcReplies replies() {
        return replies;
    }

    /** Claims share the durable writer: a press is stored, synced, before it is answered. */
    @Override
    public JdbcClaims claims() {
        return claims;
    }

    @Override
    public void enqueue(RawEvent event, List<Target> targets) {
        durable.commit(sql -> {
            rows.insert(sql, event, targets);
            return null;
        }, Deadline.in(COMMIT_TIMEOUT, Clock.systemUTC()));
    }

    /**
     * The event's rows and its digest in one batch of the group commit, as {@link #enqueue}'s; only
     * a copy costs a second, lazy, transaction: to count it on its first event and find that id.
     * On PostgreSQL two replicas whose batches take the same new digests in opposite orders
     * deadlock; the group commit then commits each write alone, which takes one digest only.
     */
    @Override
    public Enqueued enqueueOnce(RawEvent event, List<Target> targets, String digest, Instant seenAfter) {
        Sql.BatchRow took = durable.commit(sql -> rows.insertOnce(sql, event, targets, digest, seenAfter.toEpochMilli()),
                Deadline.in(COMMIT_TIMEOUT, Clock.systemUTC()));
        if (took.changed() > 0) {
            return new Enqueued(event.id(), false);
        }
        // a transaction of its own where there are replicas: a batch of copies counted on several
        // events would lock their rows in its order, and two replicas' batches could deadlock
        GroupCommit.Write<String> copy = sql -> EventRows.countCopy(sql, digest, event.id());
        String first = dialect.singleWriter() ? lazy.commitLazily(copy, Deadline.in(COMMIT_TIMEOUT, Clock.systemUTC()))
                : database.lazyTransaction(copy::apply);
        return new Enqueued(first, !first.equals(event.id()));
    }

    /**
     * The claim, and the next due time when it found fewer than {@code max}, in one transaction
     * shared with outcomes: on a single-writer store one write of ingest's group commit, elsewhere
     * of the outcomes' own, so that a destination's outcomes and its next batch cost one commit.
     */
    @Override
    public Claim claim(String destination, Instant now, int max, Duration lease) {
        long nowMillis = now.toEpochMilli();
        GroupCommit.Write<Claim> claim = sql -> {
            List<Delivery> due = dialect.claim(sql, destination, nowMillis, max, nowMillis + lease.toMillis(), owner);
            Digests.seal(sql, due);
            return new Claim(due, due.size() < max ? nextDue(sql, destination) : Optional.empty());
        };
        if (!dialect.singleWriter()) { // a transaction of its own: behind a batch of outcomes it would wait for them
            return database.lazyTransaction(claim::apply);
        }
        return lazy.commitLazily(claim, Deadline.in(COMMIT_TIMEOUT, Clock.systemUTC()));
    }

    @Override
    public boolean delivered(Delivery delivery, Attempt attempt, Optional<String> posted, List<Claims.Queued> then,
                             Deadline deadline) {
        return settle(delivery, attempt, "delivered", attempt.at(), posted.orElse(null), then, deadline);
    }

    @Override
    public boolean retryAt(Delivery delivery, Instant next, Attempt attempt, Deadline deadline) {
        return settle(delivery, attempt, "pending", next, null, List.of(), deadline);
    }

    @Override
    public boolean dead(Delivery delivery, Attempt attempt, List<Claims.Queued> then, Deadline deadline) {
        return settle(delivery, attempt, "dead", attempt.at(), null, then, deadline);
    }

    @Override
    public boolean skipped(Delivery delivery, Attempt attempt, Deadline deadline) {
        return settle(delivery, attempt, "skipped", attempt.at(), null, List.of(), deadline);
    }

    /**
     * Outcomes of concurrent sends share one transaction, like ingest's group commit, but without a
     * sync; {@link Settles} writes each only while the claim is still the delivery's.
     */
    private boolean settle(Delivery delivery, Attempt attempt, String status, Instant next, String posted,
                           List<Claims.Queued> then, Deadline deadline) {
        long id = Long.parseLong(delivery.id());
        long finished = attempt.at().plus(attempt.took()).toEpochMilli();
        GroupCommit.Write<Sql.BatchRow> write = sql -> {
            if (!then.isEmpty()) { // at once, while the claim that fences them is still the row's
                sql.flushBatches();
                for (Claims.Queued queued : then) {
                    sql.update(queueAfter, queued.destination(), finished, finished, queued.target(), id,
                            delivery.claim());
                }
            }
            return settles.add(sql, delivery, attempt, status, next, posted);
        };
        // where outcomes have a writer of their own, only claims share it, and they come when sends free up:
        // an outcome waiting for one would wait for itself
        Sql.BatchRow settled = dialect.singleWriter() ? lazy.commitWithCompany(write, deadline)
                : lazy.commitLazily(write, deadline);
        return settled.changed() != 0;
    }

    @Override
    public boolean release(Delivery delivery) {
        long id = Long.parseLong(delivery.id());
        return database.lazyTransaction(sql -> sql.update(RELEASE, id, delivery.claim())) > 0;
    }

    private static Optional<Instant> nextDue(Sql sql, String destination) throws SQLException {
        PreparedStatement select = sql.prepare(NEXT_DUE);
        select.setString(1, destination);
        try (ResultSet row = select.executeQuery()) {
            long at = row.next() ? row.getLong(1) : 0;
            return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
        }
    }

    @Override
    public DigestContents digest(Delivery delivery) {
        return database.lazyTransaction(sql -> Digests.contents(sql, delivery.digestId()));
    }

    @Override
    public int pruneDelivered(Instant before) {
        return Retention.prune(database, before);
    }

    @Override
    public SharedState shared() {
        return shared;
    }

    /** Stops the writers; the database is closed by its {@link Store}. */
    void close() {
        durable.close();
        if (lazy != durable) {
            lazy.close();
        }
    }
}
