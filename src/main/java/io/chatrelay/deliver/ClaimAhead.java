package io.chatrelay.deliver;

import io.chatrelay.store.Delivery;
import io.chatrelay.store.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Claims each destination's next batch while the last one is still going out, on a thread of its
 * own: the sends of a draining destination never wait for a claim's transaction, and a claim that
 * takes long holds up no send. A destination has at most one claim under way, and asks for more
 * once fewer than half a batch wait to start. Claims run on the executor the dispatcher gives (two
 * threads: a few of the store's connections at most), so two that take long hold up the claims
 * queued behind them.
 *
 * <p>A claim that came back short (nothing more was due) is not repeated until something may have
 * changed ({@link #changed}: new work, a send's outcome, or a while with nothing happening, which
 * is when another replica's work and lapsed leases are seen), or until the time the store named for
 * the destination's next due delivery. Claimed deliveries go to {@link Claimed}. Used by the
 * dispatcher's loop thread, except {@link #changed}.
 */
final class ClaimAhead {

    static final int BATCH = 64;
    /** When a short claim's next due delivery is due already (its conversation waits its turn). */
    static final Duration SOON = Duration.ofMillis(5);

    /** A claim under way: asked at {@code at} for {@code wanted}, when {@code changes} had been seen. */
    private record Asked(Instant at, Duration lease, int wanted, long changes, CompletableFuture<Outbox.Claim> claim) {}

    /** A short claim's answer: no new claim before {@code openAt}, unless the changes move past {@code changes}. */
    private record Gate(long changes, Instant openAt) {}

    private final Outbox outbox;
    private final Claimed claimed;
    private final RateLimiter limiter;
    private final ExecutorService claimers;
    private final Runnable nudge;
    private final AtomicLong changes = new AtomicLong();
    private final Map<String, Asked> underWay = new HashMap<>();
    private final Map<String, Gate> gates = new HashMap<>();
    private boolean failing;

    /** {@code nudge} wakes the loop when a claim ends. */
    ClaimAhead(Outbox outbox, Claimed claimed, RateLimiter limiter, ExecutorService claimers, Runnable nudge) {
        this.outbox = outbox;
        this.claimed = claimed;
        this.limiter = limiter;
        this.claimers = claimers;
        this.nudge = nudge;
    }

    /** Whether the last claim taken in failed (until one succeeds). */
    boolean failing() {
        return failing;
    }

    /** Work may have become due (new events, a settled send, a replay, time passing): short claims may be repeated. */
    void changed() {
        changes.incrementAndGet();
    }

    /**
     * Takes in this destination's claim if it has ended: its deliveries are queued to start, and the
     * rate limit is charged for them. Throws what the claim threw.
     */
    void collect(String destination) {
        Asked asked = underWay.get(destination);
        if (asked == null || !asked.claim().isDone()) {
            return;
        }
        underWay.remove(destination);
        failing = asked.claim().isCompletedExceptionally();
        Outbox.Claim claim = result(asked.claim());
        List<Delivery> due = claim.deliveries();
        limiter.take(destination, due.size());
        claimed.add(destination, due, asked.at().plus(asked.lease()));
        if (due.size() < asked.wanted()) {
            gates.put(destination, new Gate(asked.changes(), openAt(claim.nextDue(), asked.at())));
        } else {
            gates.remove(destination);
        }
    }

    /**
     * Starts a claim of up to {@code allowed} deliveries for this destination if it runs low and
     * more may be due; returns when the loop should look again (its end nudges the loop itself).
     */
    Instant claimIfLow(String destination, Instant now, int allowed, Duration lease) {
        int queued = claimed.size(destination);
        int wanted = Math.min(allowed, BATCH - queued);
        if (underWay.containsKey(destination) || queued >= BATCH / 2 || wanted <= 0) {
            return Instant.MAX;
        }
        long seen = changes.get();
        Gate gate = gates.get(destination);
        if (gate != null && gate.changes() == seen && now.isBefore(gate.openAt())) {
            return gate.openAt();
        }
        CompletableFuture<Outbox.Claim> claim;
        try {
            claim = CompletableFuture.supplyAsync(() -> outbox.claim(destination, now, wanted, lease), claimers);
        } catch (RejectedExecutionException stopping) {
            return Instant.MAX;
        }
        underWay.put(destination, new Asked(now, lease, wanted, seen, claim));
        claim.whenComplete((result, failure) -> nudge.run());
        return Instant.MAX;
    }

    /** Gives back what claims for destinations no longer configured brought, once they have ended. */
    void releaseAllBut(Collection<String> destinations) {
        gates.keySet().retainAll(destinations);
        for (Iterator<Map.Entry<String, Asked>> it = underWay.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Asked> entry = it.next();
            if (!destinations.contains(entry.getKey()) && entry.getValue().claim().isDone()) {
                it.remove();
                giveBack(entry.getValue());
            }
        }
    }

    /**
     * Stops claiming; a claim still under way gets until {@code deadline} to end, and what it
     * brought is given back. One that takes longer leaves its deliveries to their leases.
     */
    void stop(Duration deadline) throws InterruptedException {
        claimers.shutdown();
        claimers.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
        underWay.values().stream().filter(asked -> asked.claim().isDone()).forEach(ClaimAhead.this::giveBack);
        underWay.clear();
    }

    private void giveBack(Asked asked) {
        if (!asked.claim().isCompletedExceptionally()) {
            asked.claim().join().deliveries().forEach(delivery -> Claimed.giveBack(outbox, delivery));
        }
    }

    private static Instant openAt(Optional<Instant> nextDue, Instant asked) {
        if (nextDue.isEmpty()) {
            return Instant.MAX;
        }
        return nextDue.get().isAfter(asked) ? nextDue.get() : asked.plus(SOON);
    }

    private static Outbox.Claim result(CompletableFuture<Outbox.Claim> claim) {
        try {
            return claim.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
