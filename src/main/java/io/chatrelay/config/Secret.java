package io.chatrelay.config;

/**
 * A value that must never reach a log line, an error body or the console: signing secrets, tokens,
 * webhook URLs whose path is a credential. {@link #toString()} never shows it; call
 * {@link #reveal()} only where the value is put on the wire.
 */
public record Secret(String value) {

    public Secret {
        java.util.Objects.requireNonNull(value, "value");
    }

    public String reveal() {
        return value;
    }

    /**
     * How a URL is shown wherever it may carry a credential: {@code https://hooks.slack.com/***},
     * scheme and host kept (enough to tell endpoints apart), path and query hidden (Slack, Discord
     * and Teams put tokens there).
     */
    public static String maskUrl(java.net.URI url) {
        StringBuilder shown = new StringBuilder();
        shown.append(url.getScheme()).append("://").append(url.getHost() == null ? "" : url.getHost());
        if (url.getPort() != -1) {
            shown.append(':').append(url.getPort());
        }
        String path = url.getRawPath();
        if ((path != null && path.length() > 1) || url.getRawQuery() != null) {
            shown.append("/***");
        }
        return shown.toString();
    }

    @Override
    public String toString() {
        return "***";
    }
}
