package io.chatrelay.platform;

import io.chatrelay.config.ConfigLoader;
import io.chatrelay.config.DestinationConfig;
import io.chatrelay.platform.chatdata.ChatDataPlatform;
import io.chatrelay.platform.discord.DiscordPlatform;
import io.chatrelay.platform.email.EmailPlatform;
import io.chatrelay.platform.googlechat.GoogleChatPlatform;
import io.chatrelay.platform.mattermost.MattermostPlatform;
import io.chatrelay.platform.slack.SlackPlatform;
import io.chatrelay.platform.teams.TeamsPlatform;
import io.chatrelay.platform.telegram.TelegramPlatform;
import io.chatrelay.platform.webhook.WebhookPlatform;
import io.chatrelay.platform.whatsapp.WhatsAppPlatform;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of platforms, in the order {@code validate} and {@code demo} list them. A new platform
 * is a {@code platform.<name>} package and its entry in {@link #ALL}; CONTRIBUTING.md lists the rest
 * it needs (its test kit, golden files, docs page).
 */
public final class Platforms {

    public static final List<Platform<?>> ALL = List.of(
            new SlackPlatform(),
            new DiscordPlatform(),
            new TeamsPlatform(),
            new TelegramPlatform(),
            new WebhookPlatform(),
            new MattermostPlatform(),
            new GoogleChatPlatform(),
            new WhatsAppPlatform(),
            new EmailPlatform());

    /** Platforms no {@code type:} names: Chat Data's own API, which the relay adds for agents' replies. */
    public static final List<Platform<?>> INTERNAL = List.of(new ChatDataPlatform());

    private Platforms() {}

    /** A config loader that knows every platform. */
    public static ConfigLoader loader(Map<String, String> environment) {
        return new ConfigLoader(environment, ALL);
    }

    public static ConfigLoader fromSystemEnvironment() {
        return loader(System.getenv());
    }

    /** The platform of a {@code type:} value, if there is one. */
    public static Optional<Platform<?>> named(String type) {
        return java.util.stream.Stream.concat(ALL.stream(), INTERNAL.stream())
                .filter(platform -> platform.type().equals(type)).findFirst();
    }

    /** The platform that read {@code destination}. */
    public static Platform<?> of(DestinationConfig destination) {
        for (Platform<?> platform : java.util.stream.Stream.concat(ALL.stream(), INTERNAL.stream()).toList()) {
            if (platform.configType().isInstance(destination)) {
                return platform;
            }
        }
        throw new IllegalArgumentException("no platform reads destinations of type " + destination.type());
    }
}
