package io.chatrelay.platform.googlechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.DestinationFields;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.RateLimit;
import io.chatrelay.config.Secret;
import io.chatrelay.config.WebhookUrls;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.HttpAnswers;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.platform.Outcome;
import io.chatrelay.platform.Platform;
import io.chatrelay.platform.StandIn;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Google Chat incoming webhooks: a card per event, a thread per conversation. */
public final class GoogleChatPlatform implements Platform<GoogleChatConfig> {

    static final String TYPE = "google_chat";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<GoogleChatConfig> configType() {
        return GoogleChatConfig.class;
    }

    /** The per-space quota: 60 message writes a minute, shared by every app in the space. */
    @Override
    public Optional<RateLimit> defaultRateLimit() {
        return Optional.of(new RateLimit(1, Duration.ofSeconds(1)));
    }

    @Override
    public Optional<GoogleChatConfig> read(String name, DestinationFields fields, DestinationOptions options) {
        Optional<URI> url = fields.url("webhook_url", true, true);
        url.filter(u -> !GoogleChatUrl.parameters(u).containsKey("key") || !GoogleChatUrl.parameters(u).containsKey("token"))
                .ifPresent(u -> fields.problem("webhook_url", "must be the space webhook's whole URL, with its key and "
                        + "token parameters (Space → Apps & integrations → Webhooks → copy)"));
        return url.map(u -> new GoogleChatConfig(name, new Secret(u.toString()), options));
    }

    @Override
    public Optional<GoogleChatConfig> standIn(GoogleChatConfig d, StandIn at) {
        return Optional.of(new GoogleChatConfig(d.name(), new Secret(at.http() + "/v1/spaces/DEMO/messages?key=demo&token=demo"),
                d.options()));
    }

    @Override
    public String displayName() {
        return "Google Chat";
    }

    @Override
    public WebhookUrls webhookUrls() {
        return WebhookUrls.dedicated(uri -> WebhookUrls.hostIsExactly(uri, "chat.googleapis.com"));
    }

    @Override
    public Optional<List<String>> asRead(byte[] body) {
        return GoogleChatView.lines(body);
    }

    @Override
    public Answer standInAnswer(String path, Map<String, String> query) {
        return Answer.json(200, "{\"name\":\"spaces/DEMO/messages/1\"}");
    }

    @Override
    public Formatter formatter(GoogleChatConfig destination) {
        return new GoogleChatFormatter(destination);
    }

    /** Errors are {@code {"error": {"code", "message", "status"}}}; 429 {@code RESOURCE_EXHAUSTED} and 5xx retry. */
    @Override
    public Outcome classify(OutboundRequest request, Answer answer, Instant now) {
        Outcome outcome = HttpAnswers.classify(answer, now);
        Optional<String> words = error(answer.body());
        if (words.isEmpty()) {
            return outcome;
        }
        String reason = answer.status() + " " + words.get();
        if (outcome instanceof Outcome.Retry retry) {
            return new Outcome.Retry(retry.status(), reason, retry.notBefore());
        }
        return outcome instanceof Outcome.Dead ? new Outcome.Dead(answer.status(), reason) : outcome;
    }

    private static Optional<String> error(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (!error.isObject()) {
                return Optional.empty();
            }
            String status = error.path("status").asText("");
            String message = error.path("message").asText("");
            return Optional.of(HttpAnswers.oneLine((status.isEmpty() ? "" : status + ": ") + message));
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
