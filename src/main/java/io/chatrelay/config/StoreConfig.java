package io.chatrelay.config;

import java.time.Duration;

/**
 * The outbox store: a JDBC URL, how long delivered rows are kept, and how long it may fail before
 * {@code /healthz} reports the process unhealthy so that an orchestrator restarts it.
 */
public record StoreConfig(String url, Duration retention, Duration unhealthyAfter) {

    public static final String DEFAULT_URL = "jdbc:sqlite:data/relay.db";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final Duration DEFAULT_UNHEALTHY_AFTER = Duration.ofMinutes(3);

    public StoreConfig(String url, Duration retention) {
        this(url, retention, DEFAULT_UNHEALTHY_AFTER);
    }

    private static final java.util.regex.Pattern PASSWORD_PARAMETER =
            java.util.regex.Pattern.compile("(?i)(password=)([^&\\s]*)");
    private static final java.util.regex.Pattern USER_INFO = java.util.regex.Pattern.compile("//[^/@\\s]*@");

    /** The URL as it may be shown: a {@code password=} parameter and {@code user:pass@} masked. */
    public String displayUrl() {
        return mask(url);
    }

    /** Masks JDBC credentials anywhere in {@code text} (a URL, or a driver's message quoting one). */
    public static String mask(String text) {
        return USER_INFO.matcher(PASSWORD_PARAMETER.matcher(text).replaceAll("$1***")).replaceAll("//***@");
    }

    /**
     * A {@code jdbc:sqlite:} URL whose file path is relative, made absolute against {@code directory}
     * (the config file's); any other URL as it is.
     */
    static String resolveAgainst(String url, java.nio.file.Path directory) {
        String prefix = StoreKind.SQLITE.prefix();
        if (!url.startsWith(prefix)) {
            return url;
        }
        String rest = url.substring(prefix.length());
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")
                || java.nio.file.Path.of(path).isAbsolute()) {
            return url; // in memory, a file: URI, or already absolute
        }
        return prefix + directory.resolve(path).normalize() + (query < 0 ? "" : rest.substring(query));
    }

    /** The {@code password=} value of the URL, if it has one, for the redactor. */
    java.util.Optional<String> password() {
        java.util.regex.Matcher matcher = PASSWORD_PARAMETER.matcher(url);
        return matcher.find() && !matcher.group(2).isEmpty() ? java.util.Optional.of(matcher.group(2))
                : java.util.Optional.empty();
    }
}
