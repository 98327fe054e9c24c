package io.chatrelay.deliver;

import java.time.Duration;
import java.util.Map;

/** A response as far as delivery cares: status, headers (lower-case names), the start of the body. */
record HttpResult(int status, Map<String, String> headers, String bodyExcerpt, Duration took) {

    String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
