package io.chatrelay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.StoppedClock;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on a real SQLite file: a caller told "not stored" has stored nothing, and one bad
 * write fails only its own caller.
 */
class GroupCommitTest {

    private static final Duration PLENTY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Database database;
    private GroupCommit commits;
    private final CountDownLatch holdTheWriter = new CountDownLatch(1);
    private final CountDownLatch writerHeld = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void open() {
        database = StoreKit.open(new SqliteDialect(), "jdbc:sqlite:" + dir.resolve("group.db"));
        database.transaction(sql -> sql.update("CREATE TABLE t (x INTEGER NOT NULL)"));
        database.transaction(sql -> sql.update("CREATE TRIGGER bad BEFORE INSERT ON t WHEN NEW.x = 13 "
                + "BEGIN SELECT RAISE(ABORT, 'thirteen is refused'); END"));
        commits = new GroupCommit(database, "test-commit");
    }

    @AfterEach
    void close() {
        holdTheWriter.countDown();
        callers.shutdownNow();
        commits.close();
        database.close();
    }

    @Test
    void aWriteThatFailsFailsOnlyItsOwnCallerAndTheRestOfItsBatchCommits() throws Exception {
        CompletableFuture<Void> blocker = inBackground(this::holdTheWriter, PLENTY);
        writerHeld.await(5, TimeUnit.SECONDS);
        List<CompletableFuture<Void>> batch = new ArrayList<>();
        for (int x : List.of(1, 2, 13, 4, 5)) {
            batch.add(inBackground(insert(x), Deadline.in(PLENTY, Clock.systemUTC())));
        }
        Eventually.holds("the five writes wait in one batch", () -> commits.queued() == 5);

        holdTheWriter.countDown();

        blocker.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> batch.get(2).get(5, TimeUnit.SECONDS)).hasMessageContaining("thirteen is refused");
        for (int i : List.of(0, 1, 3, 4)) {
            batch.get(i).get(5, TimeUnit.SECONDS);
        }
        assertThat(rows()).containsExactlyInAnyOrder(0, 1, 2, 4, 5);
    }

    @Test
    void aWriteThatOverflowsTheStackFailsOnlyItsCallerAndLaterWritesStillCommit() throws Exception {
        CompletableFuture<Void> blocker = inBackground(this::holdTheWriter, PLENTY);
        writerHeld.await(5, TimeUnit.SECONDS);
        CompletableFuture<Void> before = inBackground(insert(1), PLENTY);
        CompletableFuture<Void> poison = inBackground(sql -> {
            sql.addToBatch("INSERT INTO t (x) VALUES (?)", 2);
            return recurse(0) == 0 ? null : null;
        }, PLENTY);
        Eventually.holds("both writes wait in one batch", () -> commits.queued() == 2);

        holdTheWriter.countDown();

        blocker.get(5, TimeUnit.SECONDS);
        before.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> poison.get(5, TimeUnit.SECONDS)).hasMessageContaining("StackOverflowError");
        commits.commit(insert(3), Deadline.in(PLENTY, Clock.systemUTC()));
        assertThat(rows()).as("the writer outlived the poison write").containsExactlyInAnyOrder(0, 1, 3);
    }

    @Test
    void aBatchHoldingADurableWriteIsSyncedThoughLazyWritesShareIt() throws Exception {
        CompletableFuture<Void> blocker = inBackground(this::holdTheWriter, PLENTY);
        writerHeld.await(5, TimeUnit.SECONDS);
        CompletableFuture<Integer> lazy = CompletableFuture.supplyAsync(
                () -> commits.commitLazily(GroupCommitTest::synchronousLevel, Deadline.in(PLENTY, Clock.systemUTC())),
                callers);
        CompletableFuture<Void> durable = inBackground(insert(1), PLENTY);
        Eventually.holds("both writes wait in one batch", () -> commits.queued() == 2);

        holdTheWriter.countDown();

        blocker.get(5, TimeUnit.SECONDS);
        durable.get(5, TimeUnit.SECONDS);
        assertThat(lazy.get(5, TimeUnit.SECONDS)).as("PRAGMA synchronous inside the shared transaction: FULL")
                .isEqualTo(2);
    }

    @Test
    void aBatchOfOnlyLazyWritesIsNotSynced() {
        int level = commits.commitLazily(GroupCommitTest::synchronousLevel, Deadline.in(PLENTY, Clock.systemUTC()));

        assertThat(level).as("PRAGMA synchronous: NORMAL").isEqualTo(1);
        assertThat(commits.commit(GroupCommitTest::synchronousLevel, Deadline.in(PLENTY, Clock.systemUTC())))
                .as("and FULL again for a durable write").isEqualTo(2);
    }

    @Test
    void anOutcomeThatComesAloneWaitsForTheNextWriteAndSharesItsTransaction() throws Exception {
        commits.close();
        commits = new GroupCommit(database, "patient-commit", Duration.ofSeconds(30));
        CompletableFuture<Void> blocker = inBackground(this::holdTheWriter, PLENTY);
        writerHeld.await(5, TimeUnit.SECONDS);
        CompletableFuture<Integer> outcome = CompletableFuture.supplyAsync(() -> commits.commitWithCompany(
                GroupCommitTest::synchronousLevel, Deadline.in(PLENTY, Clock.systemUTC())), callers);
        Eventually.holds("the outcome waits behind the writer", () -> commits.queued() == 1);
        holdTheWriter.countDown();
        blocker.get(5, TimeUnit.SECONDS);
        Eventually.holds("the writer has taken the outcome alone", () -> commits.queued() == 0);

        commits.commit(insert(1), Deadline.in(PLENTY, Clock.systemUTC()));

        assertThat(outcome.get(5, TimeUnit.SECONDS)).as("committed with the ingest that came after it: synced")
                .isEqualTo(2);
    }

    @Test
    void anOutcomeWithNoCompanyIsCommittedAloneAfterItsLinger() throws Exception {
        int level = commits.commitWithCompany(GroupCommitTest::synchronousLevel, Deadline.in(PLENTY, Clock.systemUTC()));

        assertThat(level).as("committed alone, not synced").isEqualTo(1);
    }

    private static int synchronousLevel(Sql sql) throws java.sql.SQLException {
        try (ResultSet row = sql.prepare("PRAGMA synchronous").executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void aCallerThatGaveUpBeforeItsWriteWasTakenHasStoredNothing() throws Exception {
        StoppedClock clock = new StoppedClock("2026-11-24T12:00:00Z");
        CompletableFuture<Void> blocker = inBackground(this::holdTheWriter, PLENTY);
        writerHeld.await(5, TimeUnit.SECONDS);
        CompletableFuture<Void> late = inBackground(insert(1), Deadline.in(Duration.ofSeconds(5), clock));
        Eventually.holds("the write waits behind the held one", () -> commits.queued() == 1);

        clock.advance(Duration.ofSeconds(6));

        assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).hasMessageContaining("nothing was stored");
        holdTheWriter.countDown();
        blocker.get(5, TimeUnit.SECONDS);
        commits.commit(insert(2), Deadline.in(PLENTY, Clock.systemUTC()));
        assertThat(rows()).as("the write that came after it is there; it is not").containsExactlyInAnyOrder(0, 2);
    }

    @Test
    void aCallerThatGaveUpWhileItsWriteWasUnderWayHasStoredNothing() throws Exception {
        StoppedClock clock = new StoppedClock("2026-11-24T12:00:00Z");
        CompletableFuture<Void> slow = inBackground(sql -> {
            sql.update("INSERT INTO t (x) VALUES (1)");
            holdTheWriter(sql);
            return null;
        }, Deadline.in(Duration.ofSeconds(5), clock));
        writerHeld.await(5, TimeUnit.SECONDS);

        clock.advance(Duration.ofSeconds(6));

        assertThatThrownBy(() -> slow.get(5, TimeUnit.SECONDS)).hasMessageContaining("nothing was stored");
        holdTheWriter.countDown();
        commits.commit(insert(2), Deadline.in(PLENTY, Clock.systemUTC()));
        assertThat(rows()).containsExactly(2);
    }

    private Void holdTheWriter(Sql sql) {
        try {
            sql.update("INSERT INTO t (x) VALUES (0)");
            writerHeld.countDown();
            holdTheWriter.await(10, TimeUnit.SECONDS);
            return null;
        } catch (java.sql.SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<Void> inBackground(GroupCommit.Write<Void> write, Duration within) {
        return inBackground(write, Deadline.in(within, Clock.systemUTC()));
    }

    private CompletableFuture<Void> inBackground(GroupCommit.Write<Void> write, Deadline deadline) {
        return CompletableFuture.runAsync(() -> commits.commit(write, deadline), callers);
    }

    private static GroupCommit.Write<Void> insert(int x) {
        return sql -> {
            sql.addToBatch("INSERT INTO t (x) VALUES (?)", x);
            return null;
        };
    }

    private List<Integer> rows() {
        return database.lazyTransaction(sql -> {
            List<Integer> rows = new ArrayList<>();
            try (ResultSet row = sql.prepare("SELECT x FROM t").executeQuery()) {
                while (row.next()) {
                    rows.add(row.getInt(1));
                }
            }
            return rows;
        });
    }

}
