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

/**
 * Batches concurrent writes into one transaction: each caller waits until the transaction that
 * holds its write has committed (synced to disk). Many ingests then share one fsync instead of
 * paying one each, and durability is kept.
 */
final class GroupCommit implements AutoCloseable {

    /** One caller's part of a transaction. */
    interface Write {
        void apply(Sql sql) throws java.sql.SQLException;
    }

    private record Pending(Write write, CompletableFuture<Void> done) {}

    private static final int MAX_BATCH = 256;
    private static final Pending STOP = new Pending(c -> { }, new CompletableFuture<>());

    private final Database database;
    private final boolean synced;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    /** {@code synced}: each batch is synced to disk before its callers return (accepted events). */
    GroupCommit(Database database, boolean synced) {
        this.database = database;
        this.synced = synced;
        this.writer = new Thread(this::run, synced ? "relay-group-commit" : "relay-outcome-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Returns once the write is committed; throws {@link StoreUnavailableException} if it was not. */
    void commit(Write write, Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!writer.isAlive() || !database.isOpen()) {
            throw new StoreUnavailableException("the store is closed", null);
        }
        queue.add(new Pending(write, done));
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreUnavailableException unavailable ? unavailable
                    : new StoreUnavailableException("store error", e.getCause());
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("the store did not commit within " + timeout.toMillis() + "ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while committing", e);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commitBatch(batch);
            }
            batch.clear();
            if (stop) {
                failRemaining();
                return;
            }
        }
    }

    private void commitBatch(List<Pending> batch) {
        try {
            Database.Work<Void> all = sql -> {
                for (Pending pending : batch) {
                    pending.write().apply(sql);
                }
                return null;
            };
            if (synced) {
                database.transaction(all);
            } else {
                database.lazyTransaction(all);
            }
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    private void failRemaining() {
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.forEach(p -> p.done().completeExceptionally(new StoreUnavailableException("the store is closed", null)));
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
