package io.chatrelay.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request body bytes all listeners together may hold in memory at once. Each body counts the
 * bytes it has actually received until its request is answered; a body that would go over the
 * budget is refused with {@code 503}. Without it, a few hundred clients without the secret, each
 * sending a body just under {@code server.max_body_bytes} and holding back its last byte, fill the
 * heap and the process stops answering anything.
 */
public final class BodyBudget {

    /** Of the heap: each buffered byte may be held a few times over while a request is handled. */
    private static final int HEAP_SHARE = 8;

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    /** An eighth of the JVM's maximum heap, and never less than one body of {@code maxBodyBytes}. */
    public static BodyBudget ofHeap(long maxBodyBytes) {
        return new BodyBudget(Math.max(maxBodyBytes, Runtime.getRuntime().maxMemory() / HEAP_SHARE));
    }

    /** Takes {@code bytes} from the budget; false, taking nothing, when they do not fit. */
    boolean take(long bytes) {
        long now = held.get();
        while (now + bytes <= limit) {
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
            now = held.get();
        }
        return false;
    }

    void give(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Bytes held now. */
    long held() {
        return held.get();
    }

    public long limit() {
        return limit;
    }
}
