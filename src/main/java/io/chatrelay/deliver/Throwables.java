package io.chatrelay.deliver;

import io.chatrelay.render.Text;

/**
 * Which throwables a delivery survives, and each told in one short line. Anything one delivery
 * throws while it is rendered or sent ends that attempt, {@link StackOverflowError} included: only
 * errors that leave the JVM itself unfit to go on (out of memory, an internal error) are passed on.
 */
final class Throwables {

    private static final int MAX_REASON = 200;

    private Throwables() {}

    static boolean isFatal(Throwable failure) {
        return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
    }

    /** Passes on what {@link #isFatal} says no delivery can survive; returns otherwise. */
    static void rethrowIfFatal(Throwable failure) {
        if (isFatal(failure)) {
            throw (VirtualMachineError) failure;
        }
    }

    /** One short line: the failure's kind and message, never a stack trace. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String kind = failure.getClass().getSimpleName();
        return Text.truncate(message == null || message.isBlank() ? kind : kind + ": " + Text.oneLine(message),
                MAX_REASON);
    }
}
