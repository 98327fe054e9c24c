package io.chatrelay.platform.chatdata;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatrelay.config.ChatDataApiConfig;
import io.chatrelay.config.ChatDataDestination;
import io.chatrelay.config.DestinationFields;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.RateLimit;
import io.chatrelay.config.WebhookUrls;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.platform.Outcome;
import io.chatrelay.platform.Platform;
import io.chatrelay.platform.StandIn;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chat Data's API as the destination of agents' replies ({@link ChatDataDestination}): each reply
 * part is one {@code POST /api/v2/live-chat}. Not a {@code type:} a config can name; the relay adds
 * it when {@code chat_data.api_key} is set.
 */
public final class ChatDataPlatform implements Platform<ChatDataDestination> {

    @Override
    public String type() {
        return ChatDataDestination.TYPE;
    }

    @Override
    public String displayName() {
        return "Chat Data (agent replies)";
    }

    @Override
    public WebhookUrls webhookUrls() {
        return WebhookUrls.NONE;
    }

    /** Chat Data documents no limit: a gentle pace that a person typing never reaches. */
    @Override
    public Optional<RateLimit> defaultRateLimit() {
        return Optional.of(new RateLimit(5, Duration.ofSeconds(1), 5));
    }

    @Override
    public Optional<ChatDataDestination> read(String name, DestinationFields fields, DestinationOptions options) {
        fields.problem("type", "chat_data is the relay's own destination for agents' replies; set chat_data.api_key "
                + "instead");
        return Optional.empty();
    }

    @Override
    public Class<ChatDataDestination> configType() {
        return ChatDataDestination.class;
    }

    @Override
    public Formatter formatter(ChatDataDestination destination) {
        return envelope -> {
            JsonNode fields = envelope.event().fields();
            AgentReply reply = new AgentReply(fields.path("chatbot_id").asText(""),
                    fields.path("conversation_id").asText(""), fields.path("message").asText(""),
                    fields.path("name").asText(""), avatar(fields.path("avatar").textValue()));
            return ChatDataApi.reply(destination.api(), reply);
        };
    }

    /** The agent's picture, if it is a URL: a malformed one leaves it out rather than losing the reply. */
    static Optional<URI> avatar(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            return "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())
                    ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    public Outcome classify(OutboundRequest request, Answer answer, Instant now) {
        return ChatDataAnswers.classify(answer, now);
    }

    @Override
    public Optional<ChatDataDestination> standIn(ChatDataDestination destination, StandIn at) {
        return Optional.of(new ChatDataDestination(new ChatDataApiConfig(destination.api().apiKey(),
                URI.create(at.http())), destination.options()));
    }

    /** "Ana (agent): the message", as the visitor sees it in the chat widget. */
    @Override
    public Optional<List<String>> asRead(byte[] body) {
        try {
            JsonNode reply = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            return Optional.of(List.of(reply.path("name").asText("?") + " (agent, in the chat widget): "
                    + reply.path("message").asText("")));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Answer standInAnswer(String path, Map<String, String> query) {
        return Answer.json(200, "{\"status\":\"success\"}");
    }
}
