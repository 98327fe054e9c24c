package io.chatrelay.config;

import java.net.URI;
import java.util.Optional;

/**
 * Chat Data's own API ({@code chat_data.api_key}, {@code chat_data.api_base_url}): where agent
 * replies go and what {@code connect} registers with. Without {@code apiKey} both are off.
 */
public record ChatDataApiConfig(Optional<Secret> apiKey, URI apiBaseUrl) {

    /** {@code chat_data.api_base_url}'s default. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.chat-data.com");

    /** No API key: replies and {@code connect} off. */
    public static final ChatDataApiConfig OFF = new ChatDataApiConfig(Optional.empty(), DEFAULT_BASE_URL);

    public ChatDataApiConfig {
        java.util.Objects.requireNonNull(apiKey, "apiKey");
        java.util.Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
    }
}
