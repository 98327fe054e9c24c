package io.chatrelay.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * One configured destination. A record per platform: adding a platform means one record here, one
 * reader in {@link DestinationReader} and one formatter package.
 */
public sealed interface DestinationConfig {

    String name();

    DestinationOptions options();

    /** The config's {@code type} value. */
    String type();

    /** Incoming webhook ({@code webhookUrl}) or Web API ({@code token} + {@code channel}). */
    record Slack(String name, Optional<Secret> webhookUrl, Optional<Secret> token, Optional<String> channel,
                 URI apiBaseUrl, DestinationOptions options) implements DestinationConfig {
        public String type() {
            return "slack";
        }
    }

    record Discord(String name, Secret webhookUrl, Optional<String> username, Optional<String> avatarUrl,
                   Optional<String> threadName, DestinationOptions options) implements DestinationConfig {
        public String type() {
            return "discord";
        }
    }

    record Teams(String name, Secret webhookUrl, DestinationOptions options) implements DestinationConfig {
        public String type() {
            return "teams";
        }
    }

    record Telegram(String name, Secret botToken, String chatId, Optional<String> messageThreadId, URI apiBaseUrl,
                    DestinationOptions options) implements DestinationConfig {
        public String type() {
            return "telegram";
        }
    }

    /** Any HTTP endpoint; header values are secrets because they usually carry credentials. */
    record Webhook(String name, Secret url, String method, Map<String, Secret> headers, Optional<Secret> signingSecret,
                   DestinationOptions options) implements DestinationConfig {
        public Webhook {
            headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        }

        public String type() {
            return "webhook";
        }
    }
}
