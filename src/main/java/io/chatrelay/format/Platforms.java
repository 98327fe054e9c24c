package io.chatrelay.format;

import io.chatrelay.config.ConfigLoader;
import io.chatrelay.config.DestinationConfig;
import io.chatrelay.format.discord.DiscordPlatform;
import io.chatrelay.format.email.EmailPlatform;
import io.chatrelay.format.googlechat.GoogleChatPlatform;
import io.chatrelay.format.mattermost.MattermostPlatform;
import io.chatrelay.format.slack.SlackPlatform;
import io.chatrelay.format.teams.TeamsPlatform;
import io.chatrelay.format.telegram.TelegramPlatform;
import io.chatrelay.format.webhook.WebhookPlatform;
import io.chatrelay.format.whatsapp.WhatsAppPlatform;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The one list of platforms: adding one is a new {@code format.<name>} package and a line here. */
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
        return ALL.stream().filter(platform -> platform.type().equals(type)).findFirst();
    }

    /** The platform that read {@code destination}. */
    public static Platform<?> of(DestinationConfig destination) {
        for (Platform<?> platform : ALL) {
            if (platform.configType().isInstance(destination)) {
                return platform;
            }
        }
        throw new IllegalArgumentException("no platform reads destinations of type " + destination.type());
    }
}
