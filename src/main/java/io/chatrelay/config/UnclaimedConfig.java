package io.chatrelay.config;

import java.time.Duration;
import java.util.List;

/**
 * A route's {@code unclaimed}: an escalation nobody has taken {@code after} its acceptance goes to
 * each destination in {@code to} as well, marked as not taken; unless someone took it first or the
 * visitor left.
 */
public record UnclaimedConfig(Duration after, List<String> to) {

    public static final Duration MIN_AFTER = Duration.ofSeconds(30);
    public static final Duration MAX_AFTER = Duration.ofHours(24);

    public UnclaimedConfig {
        to = List.copyOf(to);
    }
}
