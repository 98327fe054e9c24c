package io.chatrelay.config;

import java.util.Optional;

/**
 * The config side of one platform: its {@code type} name, its default rate limit, and how its keys
 * are read and checked. The platforms themselves live under {@code platform}; the loader is given
 * the list of them.
 */
public interface DestinationType {

    /** The {@code type:} value that selects this platform, e.g. {@code slack}. */
    String type();

    /** The platform's name as people know it, e.g. {@code Microsoft Teams}. */
    String displayName();

    /** How the platform's webhook URLs look ({@link WebhookUrls#NONE} when it has none), for the wrong-URL warning. */
    WebhookUrls webhookUrls();

    /** What the relay keeps under when the destination names no {@code rate_limit}; empty is unlimited. */
    Optional<RateLimit> defaultRateLimit();

    /**
     * Reads this platform's own keys; the common ones ({@code type}, {@code rate_limit},
     * {@code timeout}, {@code template}) are already read into {@code options}. Reports each problem
     * through {@code fields}; empty when the destination cannot be built.
     */
    Optional<? extends DestinationConfig> read(String name, DestinationFields fields, DestinationOptions options);
}
