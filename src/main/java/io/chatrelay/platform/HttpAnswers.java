package io.chatrelay.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The retry policy every HTTP platform starts from: 2xx delivered; 408, 425, 429 and 5xx retried
 * (after what the server asked for, if it did); any other status dead at once, with the server's
 * own words as the reason. A platform adds what its API says beyond the status.
 */
public final class HttpAnswers {

    private static final int EXCERPT = 200;

    private HttpAnswers() {}

    /** The policy with the standard {@code Retry-After} header. */
    public static Outcome classify(Answer answer, Instant now) {
        return byStatus(answer, RetryAfter.header(answer, now));
    }

    /** The policy with a wait the platform has read from the answer. */
    public static Outcome byStatus(Answer answer, Optional<Duration> wait) {
        int status = answer.status();
        if (answer.isSuccess()) {
            return new Outcome.Delivered(status);
        }
        String reason = status + (answer.body().isBlank() ? "" : " " + explanation(answer.body()));
        return isTransient(status) ? new Outcome.Retry(status, reason, wait) : new Outcome.Dead(status, reason);
    }

    /** Statuses a later attempt can get past. */
    public static boolean isTransient(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /** A JSON error's own words (its {@code message}, {@code description} or {@code error}), else the start of the body. */
    public static String explanation(String body) {
        for (String field : new String[] {"message", "description", "error"}) {
            Optional<String> words = JsonPeek.field(body, field);
            if (words.isPresent() && !words.get().isBlank()) {
                return oneLine(words.get());
            }
        }
        return oneLine(body);
    }

    /** One line of at most 200 characters, for a reason. */
    public static String oneLine(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > EXCERPT ? flat.substring(0, EXCERPT) + "…" : flat;
    }
}
