package io.chatrelay.config;

/** Where the relay listens. Port 0 picks a free port (tests, {@code demo}). */
public record ServerConfig(String host, int port, String path, long maxBodyBytes) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_PATH = "/webhooks/chat-data";
    public static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, path, maxBodyBytes);
    }
}
