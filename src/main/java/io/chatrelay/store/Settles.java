package io.chatrelay.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;

/**
 * A delivery's outcome as rows: its attempt in the history and its new state, both written only
 * while the claim that handed the delivery out is still its latest; the new state ends that claim.
 * Where the database can change rows in a {@code WITH} (PostgreSQL), both are one statement, added
 * to the transaction's batch: the attempt is inserted for the row the settle changed, so it needs
 * no lock of its own. Elsewhere (SQLite, whose transaction holds the whole store, so the attempt
 * needs no lock either) they are two, run at once, the attempt first: as two batches, every attempt
 * of a transaction would run before its first settle, and a second outcome of one claim would find
 * the claim still open.
 */
final class Settles {

    /** The new state; applied only while the claim that handed the delivery out is its latest. */
    private static final String SETTLE = "UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?, "
            + "lease_until = NULL, lease_owner = NULL, claim = claim + 1, last_status = ?, last_reason = ?, "
            + "updated_at = ?%s WHERE id = ? AND claim = ?";
    /**
     * With the reference of the message the delivery posted. Apart, so that the settle of every other
     * delivery leaves {@code posted} (and its index) alone.
     */
    private static final String POSTED = ", posted = ?";
    /** Attempts are numbered by their history, not by the attempt counter, which a replay resets. */
    private static final String ATTEMPT = "INSERT INTO attempts (delivery_id, number, at, status, reason, "
            + "duration_ms, outcome, answer, next_attempt_at) "
            + "SELECT d.id, (SELECT COALESCE(MAX(a.number), 0) + 1 FROM attempts a WHERE a.delivery_id = d.id), "
            + "?, ?, ?, ?, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT) FROM ";
    private static final String ATTEMPT_FIRST = ATTEMPT + "deliveries d WHERE d.id = ? AND d.claim = ?";
    private static final String SETTLE_ONLY = SETTLE.formatted("");
    private static final String SETTLE_POSTED = SETTLE.formatted(POSTED);
    /**
     * The settle and its attempt in one statement, of one shape whether or not the delivery posted a
     * message: a batch runs its rows in order, but the batches of a transaction one statement after
     * the other, so a second shape would let a later outcome of one claim run before an earlier one.
     * (The settle changes {@code status}, so it writes every index entry anew either way.)
     */
    private static final String SETTLED = "WITH d AS (" + SETTLE.formatted(", posted = COALESCE(CAST(? AS TEXT), "
            + "posted)") + " RETURNING id) " + ATTEMPT + "d";

    private final boolean oneStatement;

    /** {@code oneStatement}: the database runs an {@code UPDATE} inside a {@code WITH}. */
    Settles(boolean oneStatement) {
        this.oneStatement = oneStatement;
    }

    /**
     * Adds the outcome to the transaction; once it has run (at once on SQLite, with the transaction's
     * batches on PostgreSQL), the row it returns says whether the claim was still the delivery's
     * latest (changed one row) or not (none).
     * {@code posted}: the reference of the message the delivery posted, or null.
     */
    Sql.BatchRow add(Sql sql, Delivery delivery, Attempt attempt, String status, Instant next, String posted)
            throws SQLException {
        boolean retry = "pending".equals(status);
        Object[] state = {status, delivery.attempts() + 1, next.toEpochMilli(), attempt.status(), attempt.reason(),
                attempt.at().plus(attempt.took()).toEpochMilli()};
        Object[] posting = posted == null ? new Object[0] : new Object[] {posted};
        Object[] fence = {Long.parseLong(delivery.id()), delivery.claim()};
        Object[] history = {attempt.at().toEpochMilli(), attempt.status(), attempt.reason(), attempt.took().toMillis(),
                retry ? "retry" : status, attempt.answer(), retry ? next.toEpochMilli() : null};
        if (oneStatement) {
            return sql.addToBatch(SETTLED, concat(state, new Object[] {posted}, fence, history));
        }
        sql.update(ATTEMPT_FIRST, concat(history, fence));
        Sql.BatchRow settled = new Sql.BatchRow();
        settled.changed(sql.update(posted == null ? SETTLE_ONLY : SETTLE_POSTED, concat(state, posting, fence)));
        return settled;
    }

    private static Object[] concat(Object[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray();
    }
}
