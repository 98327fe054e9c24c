package io.chatrelay.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches concurrent writes into one transaction: each caller waits until the transaction that
 * holds its write has committed. Many ingests then share one fsync instead of paying one each, and
 * durability is kept: a batch holding a {@linkplain #commit durable} write is synced to disk before
 * any of its callers return, a batch of only {@linkplain #commitLazily lazy} writes (claims, outcomes)
 * is not. Where one writer serialises every write anyway (SQLite), claims and outcomes join the
 * batch of the next ingest instead of paying a transaction of their own.
 *
 * <p>A caller that stops waiting (its deadline passed) is told its write was not stored, and that
 * is true: a write is committed only if the writer takes it for the commit before its caller gives
 * up, and a caller gives up only if the writer has not. A caller whose write is being committed
 * when its deadline passes waits for that commit instead. When a batch fails, its members are
 * tried again one by one, so only a write that fails alone fails its caller. Whatever a write
 * throws, {@link Error}s included, fails that write only: the writer thread goes on, since without
 * it every later write would fail until a restart.
 *
 * <p>Outcomes ({@linkplain #commitWithCompany}) are in no hurry: their message has gone out and
 * their sender's place is free. On a single-writer store a batch of only outcomes waits up to
 * {@link #LINGER} for company, and commits as soon as an ingest or a claim comes (elsewhere outcomes
 * have a writer of their own, and no such company comes). Under load that saves a transaction
 * (and the pages it writes to the log) per outcome; when nothing else comes it costs the outcome
 * {@link #LINGER}, and the writer nothing, since it had nothing else to do.
 */
final class GroupCommit implements AutoCloseable {

    /** One caller's part of a transaction; what it returns is handed to its caller once committed. */
    interface Write<T> {
        T apply(Sql sql) throws java.sql.SQLException;
    }

    private static final int WAITING = 0;
    private static final int COMMITTING = 1;
    private static final int ABANDONED = 2;

    /** How a write is committed: synced; not synced; not synced and in no hurry. */
    private enum Kind { DURABLE, LAZY, LINGERING }

    /** A queued write and who waits for it; {@code state} settles the race between commit and giving up. */
    private static final class Pending<T> {
        final Write<T> write;
        final Kind kind;
        final CompletableFuture<T> done = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(WAITING);
        T result;

        Pending(Write<T> write, Kind kind) {
            this.write = write;
            this.kind = kind;
        }

        void apply(Sql sql) throws java.sql.SQLException {
            result = write.apply(sql);
        }

        void complete() {
            done.complete(result);
        }

        boolean abandoned() {
            return state.get() == ABANDONED;
        }
    }

    private static final int MAX_BATCH = 256;
    /** How often a waiting caller looks at its deadline's clock. */
    private static final Duration LOOK_EVERY = Duration.ofMillis(50);
    /** How long a caller whose write is already being committed waits for that commit at most. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(10);
    /** How long a batch of only outcomes waits for company at most. */
    static final Duration LINGER = Duration.ofMillis(1);
    private static final Pending<Void> STOP = new Pending<>(sql -> null, Kind.LAZY);

    private final Database database;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Duration linger;

    /** {@code name}: the writer thread's. */
    GroupCommit(Database database, String name) {
        this(database, name, LINGER);
    }

    /** As above; outcomes wait for company up to {@code linger}. */
    GroupCommit(Database database, String name, Duration linger) {
        this.database = database;
        this.linger = linger;
        this.writer = new Thread(this::run, name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Returns what the write returned once it is committed and synced to disk (accepted events);
     * throws {@link StoreUnavailableException} if it was not, and then it never will be.
     */
    <T> T commit(Write<T> write, Deadline deadline) {
        return await(new Pending<>(write, Kind.DURABLE), deadline);
    }

    /**
     * As {@link #commit}, but the write need not be synced before it returns (see
     * {@link Database#lazyTransaction}): claims and delivery outcomes.
     */
    <T> T commitLazily(Write<T> write, Deadline deadline) {
        return await(new Pending<>(write, Kind.LAZY), deadline);
    }

    /**
     * As {@link #commitLazily}, and the write may wait up to {@link #LINGER} for other writes to
     * share its transaction: outcomes of sends.
     */
    <T> T commitWithCompany(Write<T> write, Deadline deadline) {
        return await(new Pending<>(write, Kind.LINGERING), deadline);
    }

    private <T> T await(Pending<T> pending, Deadline deadline) {
        if (!writer.isAlive() || !database.isOpen()) {
            throw new StoreUnavailableException("the store is closed", null);
        }
        queue.add(pending);
        try {
            while (true) {
                Duration left = deadline.left();
                if (left.isNegative() || left.isZero()) {
                    return giveUp(pending);
                }
                try {
                    return pending.done.get(Math.max(1, Math.min(left.toMillis(), LOOK_EVERY.toMillis())),
                            TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // look at the deadline again
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreUnavailableException unavailable ? unavailable
                    : new StoreUnavailableException("store error: " + e.getCause().getClass().getSimpleName(),
                            e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (pending.state.compareAndSet(WAITING, ABANDONED)) {
                throw new StoreUnavailableException("interrupted while committing; nothing was stored", e);
            }
            throw new StoreUnavailableException("interrupted while committing; the write may be stored", e);
        }
    }

    /** The deadline passed: withdraw the write, or wait for its commit if the writer has taken it. */
    private static <T> T giveUp(Pending<T> pending) throws ExecutionException, InterruptedException {
        if (pending.state.compareAndSet(WAITING, ABANDONED)) {
            throw new StoreUnavailableException("the store did not commit in time; nothing was stored", null);
        }
        try {
            return pending.done.get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("the store did not finish a commit within " + COMMIT_WAIT.toSeconds()
                    + "s; the write may be stored", e);
        }
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                awaitCompany(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // commit what was taken; the next take returns
            }
            boolean stop = batch.remove(STOP);
            commitBatch(batch);
            batch.clear();
            if (stop) {
                failRemaining();
                return;
            }
        }
    }

    /** While the batch holds only lingering writes, waits up to {@code linger} for one that is not. */
    private void awaitCompany(List<Pending<?>> batch) throws InterruptedException {
        long until = System.nanoTime() + linger.toNanos();
        while (batch.size() < MAX_BATCH && batch.stream().allMatch(pending -> pending.kind == Kind.LINGERING)) {
            Pending<?> next = queue.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    /**
     * Commits the writes whose callers still wait, in one transaction. If a caller gave up meanwhile,
     * the rest are committed without it; if the transaction fails, each write is tried alone.
     */
    private void commitBatch(List<Pending<?>> batch) {
        List<Pending<?>> live = batch.stream().filter(p -> !p.abandoned()).toList();
        if (live.isEmpty()) {
            return;
        }
        try {
            commitTogether(live);
            live.forEach(Pending::complete);
        } catch (RuntimeException | Error e) { // a write that overflows its stack fails its caller, not the writer
            live.forEach(p -> p.state.compareAndSet(COMMITTING, WAITING)); // rolled back: nothing is committing
            if (live.stream().anyMatch(Pending::abandoned)) {
                commitBatch(live);
            } else if (live.size() == 1) {
                live.get(0).done.completeExceptionally(e);
            } else {
                live.forEach(p -> commitBatch(List.of(p)));
            }
        }
    }

    private void commitTogether(List<Pending<?>> live) {
        Database.Work<Void> all = sql -> {
            for (Pending<?> pending : live) {
                if (pending.abandoned()) {
                    throw new java.sql.SQLException("a caller gave up");
                }
                pending.apply(sql);
            }
            sql.flushBatches();
            for (Pending<?> pending : live) {
                if (!pending.state.compareAndSet(WAITING, COMMITTING)) {
                    throw new java.sql.SQLException("a caller gave up");
                }
            }
            return null;
        };
        if (live.stream().anyMatch(pending -> pending.kind == Kind.DURABLE)) {
            database.transaction(all);
        } else {
            database.lazyTransaction(all);
        }
    }

    private void failRemaining() {
        List<Pending<?>> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.forEach(p -> p.done.completeExceptionally(new StoreUnavailableException("the store is closed", null)));
    }

    /** Writes queued and not yet taken by the writer. */
    int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        queue.add(STOP);
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
