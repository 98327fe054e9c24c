package io.chatrelay.deliver;

import io.chatrelay.platform.HttpAnswers;
import io.chatrelay.platform.Outcome;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;

/**
 * What a send that got no answer at all means, on every platform and transport: a timeout or a
 * network error (the sender's IOException), retried. What an answer means is each platform's own
 * {@code classify}.
 */
final class NoAnswer {

    private NoAnswer() {}

    /** A URL's user info, path and query, where credentials live; groups 1 and 2 may be shown (scheme, host). */
    private static final java.util.regex.Pattern URL_PATH =
            java.util.regex.Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)(?:[^/\\s?#@]*@)?([^/\\s?#]+)[/?#]\\S*");

    /**
     * A timeout or a network error, retried; the reason says what happened, e.g. {@code network
     * error: ConnectException: Failed to connect to /10.0.0.7:443}, with any URL cut to its host.
     */
    static Outcome outcome(IOException failure) {
        String kind = failure instanceof InterruptedIOException ? "timeout" : "network error";
        String said = failure.getMessage() == null ? "" : failure.getMessage().strip();
        String message = said.isEmpty() || said.equalsIgnoreCase("timeout") ? ""
                : ": " + HttpAnswers.oneLine(URL_PATH.matcher(said).replaceAll("$1$2/***"));
        return new Outcome.Retry(0, kind + ": " + failure.getClass().getSimpleName() + message, Optional.empty());
    }
}
