package io.chatrelay.config;

import java.util.List;

/**
 * One configured destination. Each platform defines its own record in its {@code format.<name>}
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
}
