package io.chatrelay.platform.mattermost;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import java.util.List;
import java.util.Optional;

/** {@code type: mattermost}: an incoming webhook URL (its key is a secret), optional channel, name and icon. */
public record MattermostConfig(String name, Secret webhookUrl, Optional<String> channel, Optional<String> username,
                               Optional<String> iconUrl, DestinationOptions options) implements DestinationConfig {

    @Override
    public String type() {
        return MattermostPlatform.TYPE;
    }

    @Override
    public List<Secret> secrets() {
        return List.of(webhookUrl);
    }
}
