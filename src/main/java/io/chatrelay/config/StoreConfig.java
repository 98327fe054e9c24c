package io.chatrelay.config;

import java.time.Duration;

/** The outbox store: a JDBC URL, and how long delivered rows are kept. */
public record StoreConfig(String url, Duration retention) {

    public static final String DEFAULT_URL = "jdbc:sqlite:data/relay.db";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
}
