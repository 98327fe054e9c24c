package io.chatrelay.cli;

import io.chatrelay.config.ChatDataApiConfig;
import io.chatrelay.config.Condition;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.RouteConfig;
import io.chatrelay.platform.chatdata.ChatDataClient;
import io.chatrelay.platform.chatdata.ChatDataException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What {@code connect} and {@code disconnect} do with Chat Data: register the relay's webhook URL
 * ({@code server.public_url} followed by {@code server.path}) for each chatbot and each event type
 * the routes can match, or remove it. Chat Data's API has no call that lists an account's webhooks,
 * so a second {@code connect} relies on {@code add-webhook} adding nothing for a URL, event and
 * chatbot it already has (an answer that says "already" counts as done).
 */
final class ChatDataWebhooks {

    /** The event types Chat Data's {@code add-webhook} takes, as its own integration registers them. */
    static final List<String> EVENTS = List.of("chat", "live-chat-escalation", "lead-submission");

    private final ChatDataApiConfig api;
    private final URI webhook;
    private final List<String> events;
    private final RelayConfig config;
    private final PrintWriter out;

    private ChatDataWebhooks(RelayConfig config, URI webhook, List<String> events, PrintWriter out) {
        this.api = config.chatDataApi();
        this.webhook = webhook;
        this.events = events;
        this.config = config;
        this.out = out;
    }

    /** Fails as a usage error (exit 2) naming the key and the fix when the config lacks what connecting needs. */
    static ChatDataWebhooks of(RelayConfig config, PrintWriter out) {
        if (config.chatDataApi().apiKey().isEmpty()) {
            throw Failures.usage("chat_data.api_key is not set: connecting needs Chat Data's API; add "
                    + "api_key: \"${CHAT_DATA_API_KEY}\" under chat_data, with the key from Chat Data's account "
                    + "settings in the environment");
        }
        URI webhook = config.server().publicUrlOf(config.server().path()).orElseThrow(() -> Failures.usage(
                "server.public_url is not set: Chat Data needs the address it reaches the relay at; add "
                        + "public_url: https://relay.example.com under server"));
        return new ChatDataWebhooks(config, webhook, events(config.routes()), out);
    }

    /** The event types, among those Chat Data registers, that at least one route can match. */
    static List<String> events(List<RouteConfig> routes) {
        return EVENTS.stream().filter(event -> routes.stream().anyMatch(route -> {
            Condition condition = route.match().get("event");
            return condition == null || condition.test(event);
        })).toList();
    }

    URI webhook() {
        return webhook;
    }

    /** Registers the webhook for every event and chatbot; prints each registration, or what it would be. */
    void connect(List<String> chatbotIds, boolean dryRun) throws ChatDataException {
        if (events.isEmpty()) {
            throw new Failures.CommandFailure("no route takes " + String.join(", ", EVENTS)
                    + " events, the ones Chat Data sends to a webhook: nothing to register", Main.FAILED);
        }
        try (ChatDataClient client = new ChatDataClient(api, config.delivery().timeout())) {
            for (ChatDataClient.Chatbot chatbot : chatbots(client, chatbotIds)) {
                for (String event : events) {
                    if (!dryRun) {
                        client.addWebhook(webhook, event, chatbot.id());
                    }
                    out.println((dryRun ? "would register " : "registered ") + webhook + " for " + event + " of "
                            + shown(chatbot));
                }
            }
        }
        out.flush();
    }

    /** Removes the webhook from every chatbot. */
    void disconnect(List<String> chatbotIds, boolean dryRun) throws ChatDataException {
        try (ChatDataClient client = new ChatDataClient(api, config.delivery().timeout())) {
            for (ChatDataClient.Chatbot chatbot : chatbots(client, chatbotIds)) {
                if (!dryRun) {
                    client.deleteWebhook(webhook, chatbot.id());
                }
                out.println((dryRun ? "would remove " : "removed ") + webhook + " from " + shown(chatbot));
            }
        }
        out.flush();
    }

    /** The chatbots named, else every chatbot of the account ({@code get-chatbots}, which changes nothing). */
    private static List<ChatDataClient.Chatbot> chatbots(ChatDataClient client, List<String> ids)
            throws ChatDataException {
        if (ids.stream().anyMatch(String::isBlank)) {
            throw Failures.usage("--chatbot needs a chatbot's id (Chat Data's dashboard shows it in the chatbot's "
                    + "settings), got an empty one");
        }
        if (!ids.isEmpty()) {
            return ids.stream().distinct().map(id -> new ChatDataClient.Chatbot(id, "")).toList();
        }
        List<ChatDataClient.Chatbot> all = client.chatbots();
        if (all.isEmpty()) {
            throw new Failures.CommandFailure("Chat Data lists no chatbot for this API key: create one, or name "
                    + "it with --chatbot ID", Main.FAILED);
        }
        return all;
    }

    private static String shown(ChatDataClient.Chatbot chatbot) {
        return "chatbot " + chatbot.id() + Optional.of(chatbot.name()).filter(n -> !n.isBlank())
                .map(n -> " (" + n + ")").orElse("");
    }
}
