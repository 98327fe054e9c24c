package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * An outbox in memory: deliveries survive retries but not a restart. Used by {@code demo}; the relay
 * serves from a durable store.
 */
public final class InMemoryOutbox implements Outbox {

    private final PriorityQueue<Waiting> waiting =
            new PriorityQueue<>(Comparator.comparing(Waiting::due).thenComparingLong(Waiting::sequence));
    private long sequence;
    private boolean closed;

    private record Waiting(Instant due, long sequence, Delivery delivery) {}

    @Override
    public synchronized List<String> enqueue(RawEvent event, List<Target> targets) {
        if (closed) {
            throw new StoreUnavailableException("the outbox is closed", null);
        }
        List<String> ids = new ArrayList<>();
        for (Target target : targets) {
            String id = event.id() + "/" + target.destination();
            waiting.add(new Waiting(event.receivedAt(), sequence++, new Delivery(id, event, target.destination(),
                    target.route(), 0)));
            ids.add(id);
        }
        return ids;
    }

    @Override
    public synchronized List<Delivery> claimDue(Instant now, int max) {
        List<Delivery> due = new ArrayList<>();
        while (due.size() < max && !waiting.isEmpty() && !waiting.peek().due().isAfter(now)) {
            due.add(waiting.poll().delivery());
        }
        return due;
    }

    @Override
    public void delivered(Delivery delivery, Attempt attempt) {
        // nothing to keep: a delivered delivery leaves the outbox
    }

    @Override
    public synchronized void retryAt(Delivery delivery, Instant next, Attempt attempt) {
        Delivery again = new Delivery(delivery.id(), delivery.event(), delivery.destination(), delivery.route(),
                delivery.attempts() + 1);
        waiting.add(new Waiting(next, sequence++, again));
    }

    @Override
    public void dead(Delivery delivery, Attempt attempt) {
        // kept only in the log in memory; the durable store keeps dead letters for replay
    }

    @Override
    public synchronized Optional<Instant> nextDue() {
        return Optional.ofNullable(waiting.peek()).map(Waiting::due);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
