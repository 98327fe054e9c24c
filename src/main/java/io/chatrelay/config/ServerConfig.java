package io.chatrelay.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the relay listens. Port 0 picks a free port (tests, {@code demo}). {@code readTimeout}
 * bounds how long one request's headers and body may take to arrive; {@code adminListen}, when
 * present, is a second listener for the admin API and metrics (config key {@code admin.listen}).
 */
public record ServerConfig(String host, int port, String path, long maxBodyBytes, Duration readTimeout,
                           Optional<Address> adminListen) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_PATH = "/webhooks/chat-data";
    public static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    /** A {@code HOST:PORT} to listen on. */
    public record Address(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public ServerConfig(String host, int port, String path, long maxBodyBytes) {
        this(host, port, path, maxBodyBytes, DEFAULT_READ_TIMEOUT, Optional.empty());
    }
}
