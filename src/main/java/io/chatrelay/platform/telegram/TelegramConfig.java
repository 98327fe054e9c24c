package io.chatrelay.platform.telegram;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.ReplyRules;
import io.chatrelay.config.Secret;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code type: telegram}: a bot token, the chat, an optional forum topic, and the Bot API's base URL.
 * {@code webhookSecret} ({@code setWebhook}'s {@code secret_token}) turns on the claim button and the
 * updates Telegram sends to {@code POST /telegram/{name}}.
 */
public record TelegramConfig(String name, Secret botToken, String chatId, Optional<String> messageThreadId,
                             URI apiBaseUrl, DestinationOptions options, Optional<Secret> webhookSecret,
                             ReplyRules replies) implements DestinationConfig {

    public TelegramConfig(String name, Secret botToken, String chatId, Optional<String> messageThreadId,
                          URI apiBaseUrl, DestinationOptions options) {
        this(name, botToken, chatId, messageThreadId, apiBaseUrl, options, Optional.empty(), ReplyRules.DEFAULT);
    }

    public TelegramConfig(String name, Secret botToken, String chatId, Optional<String> messageThreadId,
                          URI apiBaseUrl, DestinationOptions options, Optional<Secret> webhookSecret) {
        this(name, botToken, chatId, messageThreadId, apiBaseUrl, options, webhookSecret, ReplyRules.DEFAULT);
    }

    /**
     * The {@code replies} mode in force: off without a {@code webhook_secret} (no updates arrive) or
     * without Chat Data's API key ({@code apiKey}), else what the config asked for (default claimer).
     */
    public ReplyRules.Mode replyMode(boolean apiKey) {
        return webhookSecret.isPresent() && apiKey ? replies.effective(true, true) : ReplyRules.Mode.OFF;
    }

    @Override
    public Optional<ReplyRules> replyRules() {
        return Optional.of(replies);
    }

    @Override
    public String type() {
        return TelegramPlatform.TYPE;
    }

    @Override
    public List<Secret> secrets() {
        return webhookSecret.map(secret -> List.of(botToken, secret)).orElse(List.of(botToken));
    }
}
