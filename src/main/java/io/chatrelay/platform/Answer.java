package io.chatrelay.platform;

import java.util.Locale;
import java.util.Map;

/**
 * A destination's answer as a platform reads it, over either {@link Transport}: an HTTP response's
 * status code, headers (any case) and the start of its body, or an SMTP server's reply code and
 * words (no headers). {@code status} keeps its name for both: it is what an attempt records and
 * shows as {@code status}.
 */
public record Answer(int status, Map<String, String> headers, String body) {

    public Answer {
        Map<String, String> lower = new java.util.HashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
        body = body == null ? "" : body;
    }

    /** A JSON answer with this status, as the demo's stand-ins give them. */
    public static Answer json(int status, String body) {
        return new Answer(status, Map.of("Content-Type", "application/json"), body);
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** A 2xx: an HTTP success, or an SMTP server that took the message. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
