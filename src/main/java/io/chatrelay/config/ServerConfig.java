package io.chatrelay.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the relay listens. Port 0 picks a free port (tests, {@code demo}). {@code readTimeout}
 * bounds how long one request's headers and body may take to arrive; {@code adminListen}, when
 * present, is a second listener for the admin API and metrics (config key {@code admin.listen}).
 * {@code publicUrl} is the relay's base URL as others reach it ({@code server.public_url}): the claim
 * links in messages and the URLs {@code connect} registers start with it.
 */
public record ServerConfig(String host, int port, String path, long maxBodyBytes, Duration readTimeout,
                           Optional<Address> adminListen, Optional<URI> publicUrl) {

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
        this(host, port, path, maxBodyBytes, DEFAULT_READ_TIMEOUT, Optional.empty(), Optional.empty());
    }

    public ServerConfig(String host, int port, String path, long maxBodyBytes, Duration readTimeout,
                        Optional<Address> adminListen) {
        this(host, port, path, maxBodyBytes, readTimeout, adminListen, Optional.empty());
    }

    /** {@code public_url} followed by {@code path} (which starts with a slash), without a doubled slash. */
    public Optional<URI> publicUrlOf(String path) {
        return publicUrl.map(base -> {
            String text = base.toString();
            return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
        });
    }
}
