package io.chatrelay.platform.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.Masking;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.TemplateSyntax;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Forwards the event to any HTTP endpoint exactly as Chat Data sent it: the original body byte for
 * byte, its topic, the relay's event id and the destination's own headers. With a template the body
 * is {@code {"text": "<rendered template>"}} instead (what Mattermost, Google Chat and many chat
 * webhooks take); a {@code whsec_} secret signs each request the Standard Webhooks way.
 */
public final class WebhookFormatter implements Formatter {

    public static final String EVENT_ID_HEADER = "X-Relay-Event-Id";
    public static final String TOPIC_HEADER = "x-chat-data-topic";

    private final URI url;
    private final String method;
    private final Map<String, Secret> headers;
    private final Optional<StandardWebhooks> signer;

    public WebhookFormatter(WebhookConfig destination) {
        this.url = URI.create(destination.url().reveal());
        this.method = destination.method();
        this.headers = destination.headers();
        this.signer = destination.signingSecret().map(StandardWebhooks::new);
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        byte[] body = envelope.templated(TemplateSyntax.PLAIN)
                .map(text -> OutboundRequest.json(JsonNodeFactory.instance.objectNode().put("text", text)))
                .orElse(envelope.raw().body());
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Content-Type", "application/json");
        sent.put(TOPIC_HEADER, envelope.event().type()); // the parsed type is always a name; a stored one may predate that rule
        sent.put(EVENT_ID_HEADER, envelope.raw().id());
        headers.forEach((name, value) -> sent.put(name, value.reveal()));
        signer.ifPresent(s -> sent.putAll(s.headers(messageId(envelope), envelope.now(), body)));
        return new OutboundRequest(method, url, Masking.url(url), sent, body);
    }

    /** Unique per delivery and the same on every retry of it, so receivers can drop duplicates. */
    static String messageId(Envelope envelope) {
        return "msg_" + envelope.raw().id() + "_" + envelope.deliveryId();
    }
}
