package io.chatrelay.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The databases the outbox runs on, told apart by the start of {@code store.url}: the one place
 * that decides which database a URL names. The config checks it, the store opens by it.
 */
public enum StoreKind {

    /** One file, one relay process. */
    SQLITE("jdbc:sqlite:"),
    /** A server that several replicas share. */
    POSTGRESQL("jdbc:postgresql:");

    private final String prefix;

    StoreKind(String prefix) {
        this.prefix = prefix;
    }

    /** How this database's JDBC URLs start. */
    public String prefix() {
        return prefix;
    }

    /** The database {@code url} names; empty for a URL of any other. */
    public static Optional<StoreKind> of(String url) {
        return Arrays.stream(values()).filter(kind -> url.startsWith(kind.prefix)).findFirst();
    }
}
