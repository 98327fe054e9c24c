package io.chatrelay.platform.webhook;

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
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Any HTTP endpoint: the event as Chat Data sent it, optionally signed the Standard Webhooks way. */
public final class WebhookPlatform implements Platform<WebhookConfig> {

    static final String TYPE = "webhook";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<WebhookConfig> configType() {
        return WebhookConfig.class;
    }

    /** An endpoint of unknown capacity: unlimited unless the destination names a {@code rate_limit}. */
    @Override
    public Optional<RateLimit> defaultRateLimit() {
        return Optional.empty();
    }

    @Override
    public Optional<WebhookConfig> read(String name, DestinationFields fields, DestinationOptions options) {
        Optional<URI> url = fields.url("url", true, false);
        String method = fields.choice("method", List.of("POST", "PUT", "PATCH")).orElse("POST").trim().toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
            fields.problem("method", "must be POST, PUT or PATCH, got " + fields.shown("method", method));
        }
        Map<String, Secret> headers = new LinkedHashMap<>();
        fields.stringMap("headers").forEach((k, v) -> headers.put(k, new Secret(v)));
        Optional<Secret> signing = fields.secret("signing_secret");
        signing.ifPresent(s -> {
            if (!s.reveal().startsWith("whsec_")) {
                fields.problem("signing_secret", "must start with whsec_ (a Standard Webhooks secret)");
            } else if (!isBase64(s.reveal().substring("whsec_".length()))) {
                fields.problem("signing_secret", "the part after whsec_ must be base64");
            }
        });
        Optional<String> claimLinkHeader = fields.nonEmpty("claim_link_header").map(String::trim);
        claimLinkHeader.filter(h -> !h.matches("[A-Za-z0-9-]+")).ifPresent(h -> fields.problem("claim_link_header",
                "must be a header name (letters, digits and -), e.g. X-Relay-Claim-Url"));
        return url.map(u -> new WebhookConfig(name, new Secret(u.toString()), method, headers, signing, options,
                claimLinkHeader));
    }

    @Override
    public Optional<WebhookConfig> standIn(WebhookConfig d, StandIn at) {
        return Optional.of(new WebhookConfig(d.name(), new Secret(at.http() + "/webhook"), d.method(), d.headers(),
                d.signingSecret(), d.options(), d.claimLinkHeader()));
    }

    @Override
    public String displayName() {
        return "Webhook";
    }

    @Override
    public WebhookUrls webhookUrls() {
        return WebhookUrls.GENERIC;
    }

    @Override
    public Optional<List<String>> asRead(byte[] body) {
        return Optional.empty();
    }

    @Override
    public Answer standInAnswer(String path, Map<String, String> query) {
        return new Answer(200, Map.of(), "");
    }

    @Override
    public Formatter formatter(WebhookConfig destination) {
        return new WebhookFormatter(destination);
    }

    @Override
    public Outcome classify(OutboundRequest request, Answer answer, Instant now) {
        return HttpAnswers.classify(answer, now);
    }

    private static boolean isBase64(String text) {
        try {
            return !text.isEmpty() && Base64.getDecoder().decode(text).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
