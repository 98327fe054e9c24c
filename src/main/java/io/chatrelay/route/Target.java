package io.chatrelay.route;

import io.chatrelay.config.DigestConfig;
import java.util.Optional;

/**
 * One destination an event goes to, and the route that sent it there (which decides its template
 * and whether the event waits for the route's {@code digest}).
 */
public record Target(String destination, String route, Optional<DigestConfig> digest) {

    /** An event sent on its own. */
    public Target(String destination, String route) {
        this(destination, route, Optional.empty());
    }
}
