package io.chatrelay.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.RawEvent;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Digest;
import io.chatrelay.render.MessageTemplate;
import io.chatrelay.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Outgoing signatures checked the way a receiver's Standard Webhooks library would, with its own HMAC. */
class StandardWebhooksTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static OutboundRequest sign(String deliveryId, Instant now, Optional<MessageTemplate> template) throws Exception {
        WebhookFormatter formatter = new WebhookFormatter(new WebhookConfig("crm",
                new Secret("https://crm.example.com/hook"), "POST", Map.of(), Optional.of(new Secret(SECRET)),
                new DestinationOptions(Optional.empty(), Optional.empty(), Optional.empty())));
        byte[] body = Fixtures.bytes("lead-submission");
        var event = EventParser.parse(body, null);
        RawEvent raw = new RawEvent("evt-9", event.type(), null, body, NOW);
        return formatter.format(new Envelope(raw, event, deliveryId, template, Optional.empty(), now));
    }

    /** What a receiver computes: HMAC-SHA256 keyed with the base64-decoded secret over id.timestamp.body. */
    private static String expected(String id, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
        byte[] signed = mac.doFinal((id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(signed);
    }

    @Test
    void signsIdTimestampAndTheExactBody() throws Exception {
        OutboundRequest request = sign("12", NOW, Optional.empty());
        Map<String, String> headers = request.headers();

        assertThat(headers.get("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(headers.get("webhook-signature")).isEqualTo(expected(headers.get("webhook-id"),
                headers.get("webhook-timestamp"), request.body()));
    }

    @Test
    void keepsTheMessageIdAcrossRetriesAndChangesItPerDelivery() throws Exception {
        OutboundRequest first = sign("12", NOW, Optional.empty());
        OutboundRequest retry = sign("12", NOW.plusSeconds(30), Optional.empty());
        OutboundRequest other = sign("13", NOW, Optional.empty());

        assertThat(retry.headers().get("webhook-id")).isEqualTo(first.headers().get("webhook-id"));
        assertThat(retry.headers().get("webhook-signature")).isNotEqualTo(first.headers().get("webhook-signature"));
        assertThat(other.headers().get("webhook-id")).isNotEqualTo(first.headers().get("webhook-id"));
    }

    @Test
    void signsTheTemplatedBodyWhenATemplateApplies() throws Exception {
        OutboundRequest request = sign("12", NOW, Optional.of(new MessageTemplate("Lead {{lead.name}} \"{{lead.email}}\"")));

        assertThat(new String(request.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"text\":\"Lead Name \\\"lead@example.com\\\"\"}");
        assertThat(request.headers().get("webhook-signature")).isEqualTo(expected(request.headers().get("webhook-id"),
                request.headers().get("webhook-timestamp"), request.body()));
    }

    @Test
    void signsADigestOfEveryEventsBodyAsReceived() throws Exception {
        WebhookFormatter formatter = new WebhookFormatter(new WebhookConfig("crm",
                new Secret("https://crm.example.com/hook"), "POST", Map.of(), Optional.of(new Secret(SECRET)),
                new DestinationOptions(Optional.empty(), Optional.empty(), Optional.empty())));
        String first = "{\"event\":\"chat\",\"score\":0.85039052270425471234,\"cost_credits\":20}";
        String second = "{\"event\":\"user-online\",\"name\":\"Zoë <b>\"}";
        List<RawEvent> events = List.of(new RawEvent("e1", null, null, first.getBytes(StandardCharsets.UTF_8), NOW),
                new RawEvent("e2", null, null, second.getBytes(StandardCharsets.UTF_8), NOW.plusSeconds(60)));
        Digest digest = Digest.of(NOW, NOW.plusSeconds(3600), 50, events, "crm");
        var event = EventParser.parse(events.get(0).body(), null);

        OutboundRequest request = formatter.formatDigest(digest, new Envelope(events.get(0), event, "12",
                Optional.empty(), Optional.empty(), NOW.plusSeconds(3600)));

        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"events\":[" + first + ","
                + second + "],\"period\":{\"start\":\"2026-11-24T12:00:00Z\",\"end\":\"2026-11-24T13:00:00Z\"}}");
        assertThat(request.headers().get("webhook-signature")).isEqualTo(expected(request.headers().get("webhook-id"),
                request.headers().get("webhook-timestamp"), request.body()));
    }
}
