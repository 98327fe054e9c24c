package io.chatrelay.platform.teams;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Microsoft Teams through a Workflows webhook: one Adaptive Card per event. */
public final class TeamsPlatform implements Platform<TeamsConfig> {

    static final String TYPE = "teams";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<TeamsConfig> configType() {
        return TeamsConfig.class;
    }

    /** More than four requests a second are throttled. */
    @Override
    public Optional<RateLimit> defaultRateLimit() {
        return Optional.of(new RateLimit(4, Duration.ofSeconds(1)));
    }

    @Override
    public Optional<TeamsConfig> read(String name, DestinationFields fields, DestinationOptions options) {
        return fields.url("webhook_url", true, true).map(u -> new TeamsConfig(name, new Secret(u.toString()), options));
    }

    @Override
    public Optional<TeamsConfig> standIn(TeamsConfig d, StandIn at) {
        return Optional.of(new TeamsConfig(d.name(), new Secret(at.http() + "/webhook"), d.options()));
    }

    @Override
    public String displayName() {
        return "Microsoft Teams";
    }

    @Override
    public WebhookUrls webhookUrls() {
        return WebhookUrls.dedicated(uri -> WebhookUrls.hostIs(uri, "webhook.office.com"))
                .alsoShared(uri -> WebhookUrls.hostIs(uri, "logic.azure.com", "powerplatform.com"));
    }

    @Override
    public Optional<List<String>> asRead(byte[] body) {
        return TeamsView.lines(body);
    }

    @Override
    public Answer standInAnswer(String path, Map<String, String> query) {
        return new Answer(202, Map.of(), "");
    }

    @Override
    public Formatter formatter(TeamsConfig destination) {
        return new TeamsFormatter(destination);
    }

    @Override
    public Outcome classify(OutboundRequest request, Answer answer, Instant now) {
        return HttpAnswers.classify(answer, now);
    }
}
