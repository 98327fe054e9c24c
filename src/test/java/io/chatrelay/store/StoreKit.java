package io.chatrelay.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Shorthands that tests use on a store, built from what the relay itself calls. */
public final class StoreKit {

    private StoreKit() {}

    /** The deliveries of a {@link Outbox#claim}, without its next due time. */
    public static List<Delivery> claimDue(Outbox outbox, String destination, Instant now, int max, Duration lease) {
        return outbox.claim(destination, now, max, lease).deliveries();
    }

    /** The newest {@code limit} deliveries, of one status or of any. */
    public static List<DeliveryView> list(History history, Optional<DeliveryStatus> status, int limit) {
        return history.find(DeliveryFilter.newest(limit).withStatus(status.orElse(null)));
    }

    /** The database behind {@code url} on its own, its faults dated by the system clock. */
    static Database open(SqlDialect dialect, String url) {
        return dialect.open(url, new StoreFaults(Clock.systemUTC()));
    }
}
