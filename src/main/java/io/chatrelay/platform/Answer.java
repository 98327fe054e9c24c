package io.chatrelay.platform;

import java.util.Locale;
import java.util.Map;

/** A destination's answer as a platform reads it: status, headers (any case), the start of the body. */
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

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
