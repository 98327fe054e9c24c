package io.chatrelay.platform.mattermost;

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
import io.chatrelay.platform.RetryAfter;
import io.chatrelay.platform.StandIn;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Mattermost incoming webhooks: Markdown posts with a Slack-style attachment. */
public final class MattermostPlatform implements Platform<MattermostConfig> {

    static final String TYPE = "mattermost";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<MattermostConfig> configType() {
        return MattermostConfig.class;
    }

    /** The server's own limiter, when an admin enables it, defaults to 10 requests a second. */
    @Override
    public Optional<RateLimit> defaultRateLimit() {
        return Optional.of(new RateLimit(10, Duration.ofSeconds(1)));
    }

    @Override
    public Optional<MattermostConfig> read(String name, DestinationFields fields, DestinationOptions options) {
        Optional<URI> url = fields.url("webhook_url", true, true);
        Optional<String> channel = fields.string("channel").filter(s -> !s.isBlank());
        Optional<String> username = fields.string("username").filter(s -> !s.isBlank());
        Optional<URI> icon = fields.url("icon_url", false, false);
        return url.map(u -> new MattermostConfig(name, new Secret(u.toString()), channel, username,
                icon.map(URI::toString), options));
    }

    @Override
    public Optional<MattermostConfig> standIn(MattermostConfig d, StandIn at) {
        return Optional.of(new MattermostConfig(d.name(), new Secret(at.http() + "/hooks/demo"), d.channel(), d.username(),
                d.iconUrl(), d.options()));
    }

    @Override
    public String displayName() {
        return "Mattermost";
    }

    /** Mattermost runs on each team's own server: its URLs have no host of their own to recognise. */
    @Override
    public WebhookUrls webhookUrls() {
        return WebhookUrls.NONE;
    }

    @Override
    public Optional<List<String>> asRead(byte[] body) {
        return MattermostView.lines(body);
    }

    @Override
    public Answer standInAnswer(String path, Map<String, String> query) {
        return new Answer(200, Map.of("Content-Type", "text/plain"), "ok");
    }

    @Override
    public Formatter formatter(MattermostConfig destination) {
        return new MattermostFormatter(destination);
    }

    /** 200 {@code ok}; errors are JSON with a {@code message}; 429 carries {@code Retry-After}. */
    @Override
    public Outcome classify(OutboundRequest request, Answer answer, Instant now) {
        return HttpAnswers.classify(answer, now);
    }

    /** The server's limiter says how many requests are left and in how many seconds the window resets. */
    @Override
    public Optional<Duration> holdOff(Answer answer, Instant now) {
        if ("0".equals(answer.header("X-Ratelimit-Remaining"))) {
            return RetryAfter.header(answer.header("X-Ratelimit-Reset"), now);
        }
        return Optional.empty();
    }
}
