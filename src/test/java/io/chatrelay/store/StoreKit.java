package io.chatrelay.store;

import java.time.Clock;

/** Shorthands that tests use on a store, built from what the relay itself calls. */
public final class StoreKit {

    private StoreKit() {}

    /** The database behind {@code url} on its own, its faults dated by the system clock. */
    static Database open(SqlDialect dialect, String url) {
        return dialect.open(url, new StoreFaults(Clock.systemUTC()));
    }
}
