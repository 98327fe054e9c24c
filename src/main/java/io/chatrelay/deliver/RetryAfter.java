package io.chatrelay.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a server asked us to wait: the {@code Retry-After} header (seconds or an HTTP date), or
 * the JSON {@code retry_after} that Discord (decimal seconds) and Telegram ({@code parameters.retry_after})
 * send. The longest of them wins.
 */
final class RetryAfter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CEILING = Duration.ofHours(24);

    private RetryAfter() {}

    static Optional<Duration> of(HttpResult result, Instant now) {
        Optional<Duration> header = header(result.header("Retry-After"), now);
        Optional<Duration> body = body(result.bodyExcerpt());
        if (header.isPresent() && body.isPresent()) {
            return Optional.of(header.get().compareTo(body.get()) >= 0 ? header.get() : body.get());
        }
        return header.or(() -> body);
    }

    static Optional<Duration> header(String value, Instant now) {
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

    private static Optional<Duration> body(String excerpt) {
        if (excerpt == null || !excerpt.trim().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(excerpt);
            JsonNode value = json.path("retry_after").isNumber() ? json.get("retry_after")
                    : json.path("parameters").path("retry_after");
            return value.isNumber() ? bounded(seconds(value.asDouble())) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static Duration seconds(double seconds) {
        return seconds <= 0 || Double.isNaN(seconds) ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(seconds * 1000));
    }

    private static Optional<Duration> bounded(Duration duration) {
        return Optional.of(duration.compareTo(CEILING) > 0 ? CEILING : duration);
    }
}
