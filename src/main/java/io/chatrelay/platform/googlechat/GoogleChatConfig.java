package io.chatrelay.platform.googlechat;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** {@code type: google_chat}: a space's incoming webhook URL, whose {@code key} and {@code token} are secrets. */
public record GoogleChatConfig(String name, Secret webhookUrl, DestinationOptions options) implements DestinationConfig {

    @Override
    public String type() {
        return GoogleChatPlatform.TYPE;
    }

    /** The URL, and its {@code key} and {@code token} on their own: a server may echo either alone. */
    @Override
    public List<Secret> secrets() {
        List<Secret> secrets = new ArrayList<>(List.of(webhookUrl));
        GoogleChatUrl.parameters(URI.create(webhookUrl.reveal())).forEach((name, value) -> {
            if (GoogleChatUrl.SECRET_PARAMETERS.contains(name) && !value.isEmpty()) {
                secrets.add(new Secret(value));
            }
        });
        return secrets;
    }
}
