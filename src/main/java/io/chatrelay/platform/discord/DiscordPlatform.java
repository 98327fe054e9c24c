package io.chatrelay.platform.discord;

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

/** Discord execute-webhook: embeds, forum posts per conversation, its rate-limit headers and {@code retry_after}. */
public final class DiscordPlatform implements Platform<DiscordConfig> {

    static final String TYPE = "discord";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<DiscordConfig> configType() {
        return DiscordConfig.class;
    }

    /** The community-observed webhook limit; the answers' headers hold the relay back further when needed. */
    @Override
    public Optional<RateLimit> defaultRateLimit() {
        return Optional.of(new RateLimit(5, Duration.ofSeconds(2)));
    }

    @Override
    public Optional<DiscordConfig> read(String name, DestinationFields fields, DestinationOptions options) {
        Optional<URI> url = fields.url("webhook_url", true, true);
        Optional<String> username = fields.string("username").filter(s -> !s.isBlank());
        Optional<URI> avatar = fields.url("avatar_url", false, false);
        Optional<String> threadName = fields.string("thread_name").filter(s -> !s.isBlank());
        threadName.ifPresent(source -> fields.template("thread_name", source));
        return url.map(u -> new DiscordConfig(name, new Secret(u.toString()), username, avatar.map(URI::toString),
                threadName, options));
    }

    @Override
    public Optional<DiscordConfig> standIn(DiscordConfig d, StandIn at) {
        return Optional.of(new DiscordConfig(d.name(), new Secret(at.http() + "/webhook"), d.username(), d.avatarUrl(),
                d.threadName(), d.options()));
    }

    @Override
    public String displayName() {
        return "Discord";
    }

    @Override
    public WebhookUrls webhookUrls() {
        return WebhookUrls.dedicated(uri -> WebhookUrls.hostIs(uri, "discord.com", "discordapp.com")
                && uri.getRawPath() != null && uri.getRawPath().startsWith("/api/webhooks/"));
    }

    @Override
    public Optional<List<String>> asRead(byte[] body) {
        return DiscordView.lines(body);
    }

    @Override
    public Answer standInAnswer(String path, Map<String, String> query) {
        return "true".equals(query.get("wait")) || path.contains("/messages/")
                ? Answer.json(200, "{\"id\":\"1\",\"channel_id\":\"2\"}") : new Answer(204, Map.of(), "");
    }

    /** The id of the message a {@code wait=true} post answered with, its channel, and its thread if any. */
    @Override
    public Optional<String> posted(OutboundRequest request, Answer answer) {
        return DiscordPosted.of(request, answer).map(DiscordPosted::json);
    }

    @Override
    public Formatter formatter(DiscordConfig destination) {
        return new DiscordFormatter(destination);
    }

    /** A 429's JSON {@code retry_after} (decimal seconds) counts as much as its {@code Retry-After} header. */
    @Override
    public Outcome classify(OutboundRequest request, Answer answer, Instant now) {
        return HttpAnswers.byStatus(answer, RetryAfter.longest(RetryAfter.header(answer, now),
                RetryAfter.jsonSeconds(answer.body(), "retry_after")));
    }

    /** No requests left in this window ({@code X-RateLimit-Remaining: 0}): wait until it resets. */
    @Override
    public Optional<Duration> holdOff(Answer answer, Instant now) {
        if ("0".equals(answer.header("X-RateLimit-Remaining"))) {
            return RetryAfter.header(answer.header("X-RateLimit-Reset-After"), now);
        }
        return Optional.empty();
    }
}
