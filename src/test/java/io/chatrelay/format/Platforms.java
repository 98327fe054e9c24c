package io.chatrelay.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.ConfigLoader;
import io.chatrelay.config.InvalidConfigException;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.testkit.DiscordRules;
import io.chatrelay.testkit.SlackRules;
import io.chatrelay.testkit.TeamsRules;
import io.chatrelay.testkit.TelegramRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Every destination kind the relay renders, each with the rules its platform enforces: the kit
 * that golden and property tests run over every integration.
 */
final class Platforms {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Platform(String name, Formatter formatter, BiFunction<JsonNode, Integer, List<String>> rules) {
        List<String> violations(OutboundRequest request) {
            try {
                return rules.apply(JSON.readTree(request.body()), request.body().length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Platform> ALL;

    static {
        RelayConfig config;
        try {
            config = new ConfigLoader(Map.of()).parse("""
                    chat_data: {signing_secrets: [s]}
                    destinations:
                      slack: {type: slack, webhook_url: "https://hooks.slack.com/services/T0/B0/SECRET"}
                      slack-api: {type: slack, token: xoxb-SECRET, channel: C0SUPPORT}
                      discord: {type: discord, webhook_url: "https://discord.com/api/webhooks/1/SECRET", username: Chat Data}
                      discord-forum: {type: discord, webhook_url: "https://discord.com/api/webhooks/2/SECRET",
                                      thread_name: "{{chatbot_name}} {{conversation_id}}"}
                      teams: {type: teams, webhook_url: "https://prod.westus.logic.azure.com/workflows/x/triggers?sig=SECRET"}
                      telegram: {type: telegram, bot_token: "123:SECRET", chat_id: "-100123", message_thread_id: "7"}
                      webhook: {type: webhook, url: "https://crm.example.com/hooks/chat-data",
                                headers: {Authorization: "Bearer SECRET"}, signing_secret: "whsec_c2VjcmV0LWtleS1mb3ItdGVzdHM="}
                    routes: []
                    """);
        } catch (InvalidConfigException e) {
            throw new IllegalStateException(e);
        }
        Formatters formatters = Formatters.of(config);
        ALL = List.of(
                new Platform("slack", formatters.forDestination("slack"), (json, bytes) -> SlackRules.violations(json)),
                new Platform("slack-api", formatters.forDestination("slack-api"), (json, bytes) -> SlackRules.violations(json)),
                new Platform("discord", formatters.forDestination("discord"), (json, bytes) -> DiscordRules.violations(json)),
                new Platform("discord-forum", formatters.forDestination("discord-forum"),
                        (json, bytes) -> DiscordRules.violations(json)),
                new Platform("teams", formatters.forDestination("teams"), TeamsRules::violations),
                new Platform("telegram", formatters.forDestination("telegram"), (json, bytes) -> TelegramRules.violations(json)),
                new Platform("webhook", formatters.forDestination("webhook"), (json, bytes) -> List.of()));
    }

    private Platforms() {}
}
