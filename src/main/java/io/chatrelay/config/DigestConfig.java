package io.chatrelay.config;

import java.time.Duration;

/**
 * A route's {@code digest}: the events it matches go out as one message per {@code every} to each
 * of its destinations, listing at most {@code maxEvents} of them and counting the rest.
 */
public record DigestConfig(Duration every, int maxEvents) {

    public static final Duration MIN_EVERY = Duration.ofMinutes(1);
    public static final Duration MAX_EVERY = Duration.ofHours(24);
    public static final int DEFAULT_MAX_EVENTS = 50;
    public static final int MIN_MAX_EVENTS = 1;
    public static final int MAX_MAX_EVENTS = 200;
}
