package io.chatrelay.deliver;

import io.chatrelay.config.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per destination, so the relay stays under each platform's limit instead of
 * collecting 429s, plus a pause a destination's own answers can impose (Retry-After,
 * {@code X-RateLimit-Remaining: 0}). Used by the dispatcher's loop thread and its senders.
 */
final class RateLimiter {

    private final class Bucket {
        final RateLimit limit;
        double tokens;
        Instant refilledAt;

        Bucket(RateLimit limit, Instant now) {
            this.limit = limit;
            this.tokens = capacity();
            this.refilledAt = now;
        }

        /** This replica's share: the limit divided among the replicas alive. */
        double perMilli() {
            return limit.requests() / (double) limit.per().toMillis() / replicas;
        }

        double capacity() {
            return Math.max(1.0, Math.floor(limit.burst() / (double) replicas));
        }

        void refill(Instant now) {
            if (now.isAfter(refilledAt)) {
                tokens = Math.min(capacity(), tokens + Duration.between(refilledAt, now).toMillis() * perMilli());
                refilledAt = now;
            }
            tokens = Math.min(tokens, capacity());
        }
    }

    private int replicas = 1;

    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<String, Instant> pauses = new HashMap<>();

    RateLimiter(Map<String, Optional<RateLimit>> limits, Instant now) {
        reconfigure(limits, now);
    }

    /** New limits from a reload; a destination whose limit did not change keeps its bucket and pause. */
    synchronized void reconfigure(Map<String, Optional<RateLimit>> limits, Instant now) {
        buckets.keySet().retainAll(limits.keySet());
        limits.forEach((destination, limit) -> {
            Bucket bucket = buckets.get(destination);
            if (limit.isEmpty()) {
                buckets.remove(destination);
            } else if (bucket == null || !bucket.limit.equals(limit.get())) {
                buckets.put(destination, new Bucket(limit.get(), now));
            }
        });
    }

    /** Several replicas share one store: each keeps to its share of every limit. */
    synchronized void shareAmong(int liveReplicas) {
        this.replicas = Math.max(1, liveReplicas);
    }

    /** Whether a 429 or an exhausted window holds this destination now. */
    synchronized boolean paused(String destination, Instant now) {
        return now.isBefore(pauses.getOrDefault(destination, Instant.MIN));
    }

    /** How many sends this destination may start now. */
    synchronized int available(String destination, Instant now) {
        if (paused(destination, now)) {
            return 0;
        }
        Bucket bucket = buckets.get(destination);
        if (bucket == null) {
            return Integer.MAX_VALUE;
        }
        bucket.refill(now);
        return (int) Math.floor(bucket.tokens);
    }

    synchronized void take(String destination, int sends) {
        Bucket bucket = buckets.get(destination);
        if (bucket != null) {
            bucket.tokens -= sends;
        }
    }

    /** When this destination may send again, if it may not now. */
    synchronized Instant nextAllowed(String destination, Instant now) {
        Instant paused = pauses.getOrDefault(destination, Instant.MIN);
        Bucket bucket = buckets.get(destination);
        Instant tokenAt = now;
        if (bucket != null) {
            bucket.refill(now);
            if (bucket.tokens < 1) {
                tokenAt = now.plusMillis((long) Math.ceil((1 - bucket.tokens) / bucket.perMilli()));
            }
        }
        return paused.isAfter(tokenAt) ? paused : tokenAt;
    }

    /** Holds every send to this destination until {@code until} (never shortens an existing pause). */
    synchronized void pauseUntil(String destination, Instant until) {
        pauses.merge(destination, until, (a, b) -> a.isAfter(b) ? a : b);
    }
}
