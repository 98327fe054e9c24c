package io.chatrelay.deliver;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The one retry policy every platform shares: 2xx delivered; timeouts, network errors, 408, 425,
 * 429 and 5xx retried (honouring what the server asked for); any other status dead at once.
 */
final class ResponseClassifier {

    private ResponseClassifier() {}

    /** A URL's user info, path and query, where credentials live; groups 1 and 2 may be shown (scheme, host). */
    private static final java.util.regex.Pattern URL_PATH =
            java.util.regex.Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)(?:[^/\\s?#@]*@)?([^/\\s?#]+)[/?#]\\S*");

    /** Error codes of {@code "ok": false} APIs (Slack's Web API) that a later attempt can get past. */
    private static final java.util.Set<String> TRANSIENT_ERRORS = java.util.Set.of("ratelimited", "rate_limited",
            "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org");

    static Outcome classify(HttpResult result, Instant now) {
        return classify(result, now, Optional.empty());
    }

    /** As {@link #classify(HttpResult, Instant)}; with {@code okField}, a 2xx whose JSON says {@code false} there failed. */
    static Outcome classify(HttpResult result, Instant now, Optional<String> okField) {
        int status = result.status();
        if (status >= 200 && status < 300) {
            if (okField.isPresent() && !"true".equals(JsonPeek.field(result.bodyExcerpt(), okField.get()).orElse(""))) {
                String error = JsonPeek.field(result.bodyExcerpt(), "error").orElse("no " + okField.get() + " field");
                String reason = status + " " + okField.get() + "=false " + error;
                return TRANSIENT_ERRORS.contains(error)
                        ? new Outcome.Retry(status, reason, RetryAfter.of(result, now)) : new Outcome.Dead(status, reason);
            }
            return new Outcome.Delivered(status);
        }
        String reason = status + (result.bodyExcerpt().isBlank() ? "" : " " + explanation(result.bodyExcerpt()));
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return new Outcome.Retry(status, reason, RetryAfter.of(result, now));
        }
        return new Outcome.Dead(status, reason);
    }

    /**
     * A timeout or a network error, retried; the reason says what happened, e.g. {@code network
     * error: ConnectException: Failed to connect to /10.0.0.7:443}, with any URL cut to its host.
     */
    static Outcome classify(IOException failure) {
        String kind = failure instanceof InterruptedIOException ? "timeout" : "network error";
        String said = failure.getMessage() == null ? "" : failure.getMessage().strip();
        String message = said.isEmpty() || said.equalsIgnoreCase("timeout") ? ""
                : ": " + oneLine(URL_PATH.matcher(said).replaceAll("$1$2/***"));
        return new Outcome.Retry(0, kind + ": " + failure.getClass().getSimpleName() + message, Optional.empty());
    }

    /** A JSON error's own words (Discord's message, Telegram's description), else the start of the body. */
    private static String explanation(String body) {
        for (String field : new String[] {"message", "description", "error"}) {
            java.util.Optional<String> words = JsonPeek.field(body, field);
            if (words.isPresent() && !words.get().isBlank()) {
                return oneLine(words.get());
            }
        }
        return oneLine(body);
    }

    private static String oneLine(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
