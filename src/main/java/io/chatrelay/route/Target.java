package io.chatrelay.route;

import io.chatrelay.config.DigestConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * One destination an event goes to, and the route that sent it there (which decides its template
 * and whether the event waits for the route's {@code digest}). A follow-up ({@code followUpAfter})
 * is an escalation's delivery due that long after its acceptance, sent only if nobody took it.
 */
public record Target(String destination, String route, Optional<DigestConfig> digest,
                     Optional<Duration> followUpAfter) {

    /** An event sent on its own. */
    public Target(String destination, String route) {
        this(destination, route, Optional.empty(), Optional.empty());
    }

    /** An event sent on its own, or gathered into a digest. */
    public Target(String destination, String route, Optional<DigestConfig> digest) {
        this(destination, route, digest, Optional.empty());
    }

    /** An escalation's follow-up: due {@code after} its acceptance, unless taken meanwhile. */
    public static Target followUp(String destination, String route, Duration after) {
        return new Target(destination, route, Optional.empty(), Optional.of(after));
    }

    public boolean isFollowUp() {
        return followUpAfter.isPresent();
    }
}
