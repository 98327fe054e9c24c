package io.chatrelay.platform;

import io.chatrelay.config.InvalidConfigException;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.platform.discord.DiscordKit;
import io.chatrelay.platform.email.EmailKit;
import io.chatrelay.platform.googlechat.GoogleChatKit;
import io.chatrelay.platform.mattermost.MattermostKit;
import io.chatrelay.platform.slack.SlackKit;
import io.chatrelay.platform.teams.TeamsKit;
import io.chatrelay.platform.telegram.TelegramKit;
import io.chatrelay.platform.webhook.WebhookKit;
import io.chatrelay.platform.whatsapp.WhatsAppKit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The test kit every platform runs (like Alertmanager's {@code notify/test}): it joins each
 * platform's own {@code <Name>Kit} (in that platform's test package) and loads their samples as one
 * config. Golden, property, answer and secret tests run over all of them; a platform in
 * {@link Platforms#ALL} without a case here fails {@code PlatformContractTest}.
 */
public final class PlatformKit {

    public static final List<PlatformCase> ALL = Stream.of(SlackKit.CASES, DiscordKit.CASES, TeamsKit.CASES,
                    TelegramKit.CASES, WebhookKit.CASES, MattermostKit.CASES, GoogleChatKit.CASES, WhatsAppKit.CASES,
                    EmailKit.CASES)
            .flatMap(List::stream).toList();

    public static final RelayConfig CONFIG;
    static final Formatters FORMATTERS;

    static {
        StringBuilder yaml = new StringBuilder("chat_data: {signing_secrets: [s]}\ndestinations:\n");
        ALL.forEach(c -> yaml.append("  ").append(c.name()).append(": ").append(c.yaml()).append('\n'));
        yaml.append("routes: []\n");
        try {
            CONFIG = Platforms.loader(Map.of()).parse(yaml.toString());
        } catch (InvalidConfigException e) {
            throw new IllegalStateException(e);
        }
        FORMATTERS = Formatters.of(CONFIG);
    }

    private PlatformKit() {}
}
