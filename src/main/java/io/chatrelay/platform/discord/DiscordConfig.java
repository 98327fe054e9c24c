package io.chatrelay.platform.discord;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import java.util.List;
import java.util.Optional;

/** {@code type: discord}: an execute-webhook URL, optional name, avatar, and forum post name template. */
public record DiscordConfig(String name, Secret webhookUrl, Optional<String> username, Optional<String> avatarUrl,
                            Optional<String> threadName, DestinationOptions options) implements DestinationConfig {

    @Override
    public String type() {
        return DiscordPlatform.TYPE;
    }

    @Override
    public List<Secret> secrets() {
        return List.of(webhookUrl);
    }
}
