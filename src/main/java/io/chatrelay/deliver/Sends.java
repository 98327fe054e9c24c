package io.chatrelay.deliver;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One destination's sends: those going out, which its concurrency limits, and those whose answer
 * is in and whose outcome is being recorded. A send frees its place when its answer is in, so the
 * next one does not wait for the store; the ones recording are capped as well, so that a store that
 * stalls cannot pile up threads, nor sends whose outcomes it might not take.
 */
final class Sends {

    private final AtomicInteger sending = new AtomicInteger();
    private final AtomicInteger recording = new AtomicInteger();

    /** How many more may start: at most {@code limit} going out and {@code cap} recording. */
    int free(int limit, int cap) {
        return Math.min(limit - sending.get(), cap - recording.get());
    }

    /** A send of this destination, from its start until its outcome is recorded. */
    final class Send {
        private boolean answered;

        private Send() {
            sending.incrementAndGet();
        }

        /** Nothing more goes to the destination; its outcome is recorded next. */
        void answered() {
            if (!answered) {
                answered = true;
                recording.incrementAndGet();
                sending.decrementAndGet();
            }
        }

        /** The send is over, recorded or not. */
        void finished() {
            (answered ? recording : sending).decrementAndGet();
        }
    }

    Send start() {
        return new Send();
    }
}
