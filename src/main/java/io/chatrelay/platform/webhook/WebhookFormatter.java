package io.chatrelay.platform.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.event.RawEvent;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.Masking;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Digest;
import io.chatrelay.render.TemplateSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    /** The header the claim link usually travels in, when a destination's {@code claim_link_header} asks for it. */
    public static final String CLAIM_URL_HEADER = "X-Relay-Claim-Url";

    /** Reads each event's body keeping its numbers as written: decimals are not rounded to doubles. */
    private static final ObjectMapper READER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final URI url;
    private final String method;
    private final Map<String, Secret> headers;
    private final Optional<StandardWebhooks> signer;
    private final Optional<String> claimLinkHeader;

    public WebhookFormatter(WebhookConfig destination) {
        this.url = URI.create(destination.url().reveal());
        this.method = destination.method();
        this.headers = destination.headers();
        this.signer = destination.signingSecret().map(StandardWebhooks::new);
        this.claimLinkHeader = destination.claimLinkHeader();
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        Optional<String> claimUrl = claimUrl(envelope);
        byte[] body = envelope.templated(TemplateSyntax.PLAIN)
                .map(text -> templated(text, claimUrl))
                .orElse(envelope.raw().body());
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Content-Type", "application/json");
        sent.put(TOPIC_HEADER, envelope.event().type()); // the parsed type is always a name; a stored one may predate that rule
        sent.put(EVENT_ID_HEADER, envelope.raw().id());
        claimUrl.ifPresent(link -> sent.put(claimLinkHeader.orElseThrow(), link));
        headers.forEach((name, value) -> sent.put(name, value.reveal()));
        signer.ifPresent(s -> sent.putAll(s.headers(messageId(envelope), envelope.now(), body)));
        return new OutboundRequest(method, url, Masking.url(url), sent, body);
    }

    /**
     * A digest: {@code {"events": [each event's body as received], "period": {"start", "end"}}},
     * signed like any delivery. A body that is not JSON is carried as a string.
     */
    @Override
    public OutboundRequest formatDigest(Digest digest, Envelope envelope) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode events = root.putArray("events");
        for (RawEvent raw : digest.raw()) {
            try {
                events.add(READER.readTree(raw.body()));
            } catch (IOException e) {
                events.add(new String(raw.body(), StandardCharsets.UTF_8));
            }
        }
        root.putObject("period").put("start", digest.start().toString()).put("end", digest.end().toString());
        byte[] body = OutboundRequest.json(root);
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Content-Type", "application/json");
        sent.put(TOPIC_HEADER, "digest");
        sent.put(EVENT_ID_HEADER, envelope.raw().id());
        headers.forEach((name, value) -> sent.put(name, value.reveal()));
        signer.ifPresent(s -> sent.putAll(s.headers(messageId(envelope), envelope.now(), body)));
        return new OutboundRequest(method, url, Masking.url(url), sent, body);
    }

    /**
     * The claim link of an escalation nobody took yet. The event's own body is forwarded as it came, so
     * the link travels in a header, and in a templated body's {@code claim_url} too.
     */
    private Optional<String> claimUrl(Envelope envelope) {
        return claimLinkHeader.isPresent() && envelope.escalation().takeable()
                ? envelope.escalation().claimLink().map(URI::toASCIIString) : Optional.empty();
    }

    private static byte[] templated(String text, Optional<String> claimUrl) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("text", text);
        claimUrl.ifPresent(link -> body.put("claim_url", link));
        return OutboundRequest.json(body);
    }

    /** Unique per delivery and the same on every retry of it, so receivers can drop duplicates. */
    static String messageId(Envelope envelope) {
        return "msg_" + envelope.raw().id() + "_" + envelope.deliveryId();
    }
}
