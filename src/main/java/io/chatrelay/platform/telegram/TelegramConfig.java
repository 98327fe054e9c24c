package io.chatrelay.platform.telegram;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** {@code type: telegram}: a bot token, the chat, an optional forum topic, and the Bot API's base URL. */
public record TelegramConfig(String name, Secret botToken, String chatId, Optional<String> messageThreadId,
                             URI apiBaseUrl, DestinationOptions options) implements DestinationConfig {

    @Override
    public String type() {
        return TelegramPlatform.TYPE;
    }

    @Override
    public List<Secret> secrets() {
        return List.of(botToken);
    }
}
