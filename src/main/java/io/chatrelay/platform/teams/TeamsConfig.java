package io.chatrelay.platform.teams;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import java.util.List;

/** {@code type: teams}: the URL of a Workflows "When a Teams webhook request is received" flow. */
public record TeamsConfig(String name, Secret webhookUrl, DestinationOptions options) implements DestinationConfig {

    @Override
    public String type() {
        return TeamsPlatform.TYPE;
    }

    @Override
    public List<Secret> secrets() {
        return List.of(webhookUrl);
    }
}
