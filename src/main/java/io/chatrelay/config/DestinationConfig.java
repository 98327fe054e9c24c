package io.chatrelay.config;

import java.util.List;

/**
 * One configured destination. Each platform defines its own record in its {@code platform.<name>}
 * package and its own {@link DestinationType} that reads it; the config knows none of them.
 */
public interface DestinationConfig {

    String name();

    DestinationOptions options();

    /** The config's {@code type} value. */
    String type();

    /**
     * Every value of this destination that must never be shown: tokens, passwords, credential-bearing
     * URLs (their path segments and query are hidden too). Abstract on purpose: a platform cannot
     * forget to name its secrets, so {@link Redactor} can never miss one.
     */
    List<Secret> secrets();

    /**
     * The destinations this one delivers to separately, by name: each gets its own deliveries,
     * retries, dead letters and rate limit, so a retry to one never sends again to another. Most
     * platforms send one request to one place and keep the default; WhatsApp sends one message per
     * recipient. Routes that name this destination reach every part.
     */
    default java.util.Map<String, DestinationConfig> separately() {
        return java.util.Map.of(name(), this);
    }

    /**
     * Who may answer the visitor from this destination's threads ({@code replies},
     * {@code internal_prefix}); empty where the platform cannot hear replies.
     */
    default java.util.Optional<ReplyRules> replyRules() {
        return java.util.Optional.empty();
    }

    /** The name the config gives this destination, or the one it is a part of ({@link #separately}). */
    default String writtenAs() {
        return name();
    }
}
