package io.chatrelay.platform;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that decides how secrets look when shown: webhook URLs keep scheme and host and
 * hide the path and query (Slack, Discord and Teams put credentials there), and header values
 * are hidden unless they are known to be harmless.
 */
public final class Masking {

    public static final String MASK = "***";
    private static final Set<String> PLAIN_HEADERS = Set.of("content-type", "x-chat-data-topic", "x-relay-event-id",
            "webhook-id", "webhook-timestamp", "user-agent", "accept");

    private Masking() {}

    /** {@code https://hooks.slack.com/***}: enough to tell endpoints apart, nothing to misuse. */
    public static String url(URI url) {
        return io.chatrelay.config.Secret.maskUrl(url); // one rule, also used by config problems
    }

    public static String header(String name, String value) {
        if (PLAIN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return value;
        }
        int space = value.indexOf(' ');
        if (space > 0 && space < 12) {
            return value.substring(0, space) + " " + MASK; // "Bearer ***" keeps the scheme
        }
        return MASK;
    }
}
