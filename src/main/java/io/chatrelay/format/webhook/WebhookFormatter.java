package io.chatrelay.format.webhook;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.Secret;
import io.chatrelay.format.Envelope;
import io.chatrelay.format.Formatter;
import io.chatrelay.format.Masking;
import io.chatrelay.format.OutboundRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forwards the event to any HTTP endpoint exactly as Chat Data sent it: the original body byte for
 * byte, its topic, the relay's event id, and the destination's own headers.
 */
public final class WebhookFormatter implements Formatter {

    public static final String EVENT_ID_HEADER = "X-Relay-Event-Id";
    public static final String TOPIC_HEADER = "x-chat-data-topic";

    private final URI url;
    private final String method;
    private final Map<String, Secret> headers;

    public WebhookFormatter(DestinationConfig.Webhook destination) {
        this.url = URI.create(destination.url().reveal());
        this.method = destination.method();
        this.headers = destination.headers();
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Content-Type", "application/json");
        sent.put(TOPIC_HEADER, envelope.raw().type());
        sent.put(EVENT_ID_HEADER, envelope.raw().id());
        headers.forEach((name, value) -> sent.put(name, value.reveal()));
        return new OutboundRequest(method, url, Masking.url(url), sent, envelope.raw().body());
    }
}
