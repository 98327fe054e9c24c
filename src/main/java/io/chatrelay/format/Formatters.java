package io.chatrelay.format;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.format.discord.DiscordFormatter;
import io.chatrelay.format.slack.SlackFormatter;
import io.chatrelay.format.teams.TeamsFormatter;
import io.chatrelay.format.telegram.TelegramFormatter;
import io.chatrelay.format.webhook.WebhookFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The formatter for each configured destination: the one place that maps a destination type to its platform. */
public final class Formatters {

    private final Map<String, Formatter> byDestination;

    private Formatters(Map<String, Formatter> byDestination) {
        this.byDestination = Map.copyOf(byDestination);
    }

    public static Formatters of(RelayConfig config) {
        Map<String, Formatter> formatters = new LinkedHashMap<>();
        config.destinations().forEach((name, destination) -> formatters.put(name, create(destination)));
        return new Formatters(formatters);
    }

    public Formatter forDestination(String name) {
        Formatter formatter = byDestination.get(name);
        if (formatter == null) {
            throw new IllegalArgumentException("no destination named " + name);
        }
        return formatter;
    }

    private static Formatter create(DestinationConfig destination) {
        if (destination instanceof DestinationConfig.Slack slack) {
            return new SlackFormatter(slack);
        }
        if (destination instanceof DestinationConfig.Discord discord) {
            return new DiscordFormatter(discord);
        }
        if (destination instanceof DestinationConfig.Teams teams) {
            return new TeamsFormatter(teams);
        }
        if (destination instanceof DestinationConfig.Telegram telegram) {
            return new TelegramFormatter(telegram);
        }
        return new WebhookFormatter((DestinationConfig.Webhook) destination);
    }
}
