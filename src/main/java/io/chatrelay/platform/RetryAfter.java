package io.chatrelay.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a server asked us to wait: the standard {@code Retry-After} header (seconds or an HTTP
 * date), or a number in a JSON body where a platform puts one. Never more than a day.
 */
public final class RetryAfter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CEILING = Duration.ofHours(24);

    private RetryAfter() {}

    /** The {@code Retry-After} header of an answer. */
    public static Optional<Duration> header(Answer answer, Instant now) {
        return header(answer.header("Retry-After"), now);
    }

    /** A header value in seconds (decimals allowed) or an HTTP date. */
    public static Optional<Duration> header(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            return bounded(seconds(Double.parseDouble(text)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return bounded(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** Seconds (decimals allowed) at {@code path} in a JSON body, e.g. Discord's {@code retry_after}. */
    public static Optional<Duration> jsonSeconds(String body, String... path) {
        if (body == null || !body.trim().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode value = JSON.readTree(body);
            for (String field : path) {
                value = value.path(field);
            }
            return value.isNumber() ? bounded(seconds(value.asDouble())) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** The longer of two waits, when either is known. */
    public static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isPresent() && b.isPresent()) {
            return Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get());
        }
        return a.or(() -> b);
    }

    private static Duration seconds(double seconds) {
        return seconds <= 0 || Double.isNaN(seconds) ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(seconds * 1000));
    }

    private static Optional<Duration> bounded(Duration duration) {
        return Optional.of(duration.compareTo(CEILING) > 0 ? CEILING : duration);
    }
}
