package io.chatrelay.deliver;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.store.Delivery;
import io.chatrelay.store.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deliveries claimed from the outbox but not started yet, per destination. The dispatcher claims a
 * batch at a time instead of one delivery per free sender, which saves a store transaction per
 * delivery. A delivery only starts while its lease still covers a whole send and the recording of
 * its outcome; otherwise it is given back to the outbox, to be claimed again with a fresh lease.
 * That also covers claims made before a reload lengthened the destination's timeout. Used by the
 * dispatcher's loop thread only.
 */
final class Claimed {

    private static final Logger LOG = LoggerFactory.getLogger(Claimed.class);

    private record Entry(Delivery delivery, Instant leaseUntil) {}

    private final Outbox outbox;
    private final Map<String, ArrayDeque<Entry>> byDestination = new HashMap<>();

    Claimed(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Deliveries claimed for this destination, leased to this process until {@code leaseUntil}. */
    void add(String destination, List<Delivery> deliveries, Instant leaseUntil) {
        ArrayDeque<Entry> queue = byDestination.computeIfAbsent(destination, name -> new ArrayDeque<>());
        deliveries.forEach(delivery -> queue.add(new Entry(delivery, leaseUntil)));
    }

    int size(String destination) {
        ArrayDeque<Entry> queue = byDestination.get(destination);
        return queue == null ? 0 : queue.size();
    }

    boolean isEmpty(String destination) {
        return size(destination) == 0;
    }

    /**
     * The next delivery of this destination whose send, taking up to {@code timeout}, can still
     * finish and be recorded within its lease; or null.
     */
    Delivery next(String destination, Instant now, Duration timeout) {
        Instant doneBy = now.plus(timeout).plus(RelayConfig.LEASE_MARGIN);
        ArrayDeque<Entry> queue = byDestination.get(destination);
        while (queue != null && !queue.isEmpty()) {
            Entry entry = queue.poll();
            if (!doneBy.isAfter(entry.leaseUntil())) {
                return entry.delivery();
            }
            giveBack(outbox, entry.delivery());
        }
        return null;
    }

    /** Gives back what was claimed for destinations that are no longer configured. */
    void releaseAllBut(Collection<String> destinations) {
        for (Iterator<Map.Entry<String, ArrayDeque<Entry>>> it = byDestination.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ArrayDeque<Entry>> queue = it.next();
            if (!destinations.contains(queue.getKey())) {
                queue.getValue().forEach(entry -> giveBack(outbox, entry.delivery()));
                it.remove();
            }
        }
    }

    /**
     * Gives a claimed delivery back to the outbox, due again at once. A claim that has ended
     * meanwhile (its lease ran out and another replica took the delivery) is left to its new owner.
     */
    static void giveBack(Outbox outbox, Delivery delivery) {
        if (!outbox.release(delivery)) {
            LOG.warn("delivery={} not given back: its claim had ended (another replica took it over)", delivery.id());
        }
    }

    /** Gives everything back (the dispatcher is stopping). */
    void releaseAll() {
        releaseAllBut(List.of());
    }
}
