package io.chatrelay.format;

import io.chatrelay.config.ConfigProblem;
import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.format.discord.DiscordFormatter;
import io.chatrelay.format.slack.SlackFormatter;
import io.chatrelay.format.webhook.WebhookFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The formatter for each configured destination: the one place that maps a destination type to its platform. */
public final class Formatters {

    private static final String TEMPLATES = "message templates are not applied by this version yet";

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

    /**
     * Destinations this build parses but cannot deliver to yet. The relay refuses such a config
     * rather than accepting events it would never deliver.
     */
    public static List<ConfigProblem> unsupported(RelayConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (DestinationConfig destination : config.destinations().values()) {
            String reason = unsupportedReason(destination);
            if (reason != null) {
                problems.add(new ConfigProblem("destinations." + destination.name(), 0, reason));
            }
            if (destination.options().template().isPresent()) {
                problems.add(new ConfigProblem("destinations." + destination.name() + ".template", 0, TEMPLATES));
            }
        }
        for (int i = 0; i < config.routes().size(); i++) {
            if (config.routes().get(i).template().isPresent()) {
                problems.add(new ConfigProblem("routes[" + i + "].template", 0, TEMPLATES));
            }
        }
        return problems;
    }

    private static String unsupportedReason(DestinationConfig destination) {
        if (destination instanceof DestinationConfig.Slack slack && slack.webhookUrl().isEmpty()) {
            return "slack Web API mode (token + channel) is not delivered by this version yet; use webhook_url";
        }
        if (destination instanceof DestinationConfig.Teams || destination instanceof DestinationConfig.Telegram) {
            return "type " + destination.type() + " is not delivered by this version yet";
        }
        if (destination instanceof DestinationConfig.Webhook webhook && webhook.signingSecret().isPresent()) {
            return "signing_secret (Standard Webhooks signatures) is not applied by this version yet";
        }
        if (destination instanceof DestinationConfig.Discord discord && discord.threadName().isPresent()) {
            return "thread_name (forum posts) is not applied by this version yet";
        }
        return null;
    }

    private static Formatter create(DestinationConfig destination) {
        if (destination instanceof DestinationConfig.Slack slack) {
            return slack.webhookUrl().isPresent() ? new SlackFormatter(slack) : unavailable(destination);
        }
        if (destination instanceof DestinationConfig.Discord discord) {
            return new DiscordFormatter(discord);
        }
        if (destination instanceof DestinationConfig.Webhook webhook) {
            return new WebhookFormatter(webhook);
        }
        return unavailable(destination);
    }

    private static Formatter unavailable(DestinationConfig destination) {
        return envelope -> {
            throw new IllegalStateException(unsupportedReason(destination));
        };
    }
}
