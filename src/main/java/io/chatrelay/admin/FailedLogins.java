package io.chatrelay.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed admin authentications per client address: a token bucket of {@link #ALLOWED} tries that
 * refills one every {@link #REFILL}. An address with no try left waits; while it waits even a right
 * token is refused, or the limit would not slow guessing at all. Remembers the most recent
 * {@link #MAX_ADDRESSES} addresses, so a flood of addresses cannot exhaust memory.
 */
final class FailedLogins {

    static final int ALLOWED = 5;
    static final Duration REFILL = Duration.ofSeconds(12);
    static final int MAX_ADDRESSES = 10_000;

    private record Bucket(double tries, Instant at) {}

    private final Clock clock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    FailedLogins(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code address} must wait before it may try again; zero when it may try now. */
    synchronized Duration waitFor(String address) {
        double tries = current(address).tries();
        if (tries >= 1) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil((1 - tries) * REFILL.toMillis()));
    }

    /** Counts one failed authentication from {@code address}. */
    synchronized void failed(String address) {
        Bucket now = current(address);
        buckets.put(address, new Bucket(Math.max(0, now.tries() - 1), now.at()));
    }

    private Bucket current(String address) {
        Instant now = clock.instant();
        Bucket bucket = buckets.get(address);
        if (bucket == null) {
            return new Bucket(ALLOWED, now);
        }
        double refilled = (double) Duration.between(bucket.at(), now).toMillis() / REFILL.toMillis();
        return new Bucket(Math.min(ALLOWED, bucket.tries() + Math.max(0, refilled)), now);
    }
}
