package io.chatrelay.event;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered UUIDs (version 7): unique, and sorted by creation time, which keeps store indexes
 * compact. Ids are not secrets, so 74 random bits from a fast generator suffice.
 */
public final class Ids {

    private Ids() {}

    /**
     * The smallest id that can be made at {@code millis}: every id made earlier sorts before it, as a
     * UUID and as text (fixed-width lowercase hex), so the ids older than a time are an index range.
     */
    public static String first(long millis) {
        return new UUID((millis << 16) | 0x7000L, 0x8000000000000000L).toString();
    }

    public static String newId(Clock clock) {
        long millis = clock.millis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
