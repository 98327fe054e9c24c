package io.chatrelay.platform.slack;

import io.chatrelay.config.DestinationFields;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.RateLimit;
import io.chatrelay.config.ReplyRules;
import io.chatrelay.config.Secret;
import io.chatrelay.config.WebhookUrls;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.HttpAnswers;
import io.chatrelay.platform.JsonPeek;
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
import java.util.Set;

/** Slack: incoming webhooks, or {@code chat.postMessage} with a thread per conversation. */
public final class SlackPlatform implements Platform<SlackConfig> {

    static final String TYPE = "slack";
    private static final URI API = URI.create("https://slack.com/api");
    /** Error codes of the Web API's {@code "ok": false} answers that a later attempt can get past. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "rate_limited",
            "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org");

    /** {@code reactions.add}'s answer when the message has the reaction already: not a failure. */
    private static final String ALREADY_DONE = "already_reacted";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<SlackConfig> configType() {
        return SlackConfig.class;
    }

    /** About one message per second per channel, short bursts tolerated. */
    @Override
    public Optional<RateLimit> defaultRateLimit() {
        return Optional.of(new RateLimit(1, Duration.ofSeconds(1), 3));
    }

    @Override
    public Optional<SlackConfig> read(String name, DestinationFields fields, DestinationOptions options) {
        int before = fields.problemCount();
        Optional<URI> webhook = fields.url("webhook_url", false, true);
        Optional<Secret> token = fields.secret("token");
        Optional<String> channel = fields.nonEmpty("channel");
        URI apiBase = fields.url("api_base_url", false, false).orElse(API);
        Optional<Secret> signingSecret = fields.secret("signing_secret");
        ReplyRules replies = fields.replyRules(token.isPresent() && signingSecret.isPresent(),
                "token + channel (replies are heard in the bot's threads) and signing_secret");
        boolean hasWebhook = fields.has("webhook_url");
        boolean hasApi = fields.has("token") || fields.has("channel");
        if (hasWebhook && hasApi) {
            fields.problem("webhook_url", "use either webhook_url or token + channel, not both");
        } else if (!hasWebhook && !hasApi) {
            fields.problem("type", "a slack destination needs webhook_url, or token + channel");
        } else if (hasApi && (!fields.has("token") || !fields.has("channel"))) {
            fields.problem(fields.has("token") ? "channel" : "token", "is required with "
                    + (fields.has("token") ? "token" : "channel"));
        }
        if (fields.problemCount() > before) {
            return Optional.empty(); // never a slack destination without a way to post
        }
        return Optional.of(new SlackConfig(name, webhook.map(u -> new Secret(u.toString())), token, channel, apiBase,
                options, signingSecret, replies));
    }

    @Override
    public Optional<SlackConfig> standIn(SlackConfig d, StandIn at) {
        return Optional.of(new SlackConfig(d.name(), d.webhookUrl().map(url -> new Secret(at.http() + "/webhook")), d.token(),
                d.channel(), URI.create(at.http() + "/api"), d.options(), d.signingSecret(), d.replies()));
    }

    @Override
    public String displayName() {
        return "Slack";
    }

    @Override
    public WebhookUrls webhookUrls() {
        return WebhookUrls.dedicated(uri -> WebhookUrls.hostIsExactly(uri, "hooks.slack.com"));
    }

    @Override
    public Optional<List<String>> asRead(byte[] body) {
        return SlackView.lines(body);
    }

    @Override
    public Answer standInAnswer(String path, Map<String, String> query) {
        if (path.endsWith("/chat.postMessage") || path.endsWith("/chat.update")) {
            return Answer.json(200, "{\"ok\":true,\"channel\":\"C0DEMO\",\"ts\":\"1700000000.000100\"}");
        }
        if (path.endsWith("/reactions.add")) {
            return Answer.json(200, "{\"ok\":true}");
        }
        if (path.endsWith("/users.info")) {
            return Answer.json(200, "{\"ok\":true,\"user\":{\"id\":\"U0DEMO\",\"profile\":{\"display_name\":\"Ana\","
                    + "\"real_name\":\"Ana Lima\"}}}");
        }
        return new Answer(200, Map.of("Content-Type", "text/plain"), "ok");
    }

    /** The URL of a Web API method below {@code api_base_url}. */
    static URI method(URI apiBase, String method) {
        String base = apiBase.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + method);
    }

    /**
     * {@code {"channel","ts"}} of a message {@code chat.postMessage} posted, for {@code chat.update}
     * to edit it later. A webhook's answer names no message: those are edited through a press's
     * {@code response_url}.
     */
    @Override
    public Optional<String> posted(OutboundRequest request, Answer answer) {
        if (!request.url().getPath().endsWith("/chat.postMessage")) {
            return Optional.empty();
        }
        Optional<String> channel = JsonPeek.field(answer.body(), "channel");
        Optional<String> ts = JsonPeek.field(answer.body(), "ts");
        return channel.isPresent() && ts.isPresent() ? Optional.of(SlackReplies.posted(channel.get(), ts.get()))
                : Optional.empty();
    }

    @Override
    public Formatter formatter(SlackConfig destination) {
        return new SlackFormatter(destination);
    }

    /** The Web API answers 200 with {@code "ok": false} on failure; its error code says whether to try again. */
    @Override
    public Outcome classify(OutboundRequest request, Answer answer, Instant now) {
        if (answer.isSuccess() && request.okField().isEmpty()
                && "false".equals(JsonPeek.field(answer.body(), "ok").orElse(""))) {
            // a response_url answers plain "ok" or {"ok": true}; an expired or used one {"ok": false, "error"}
            return new Outcome.Dead(answer.status(), answer.status() + " ok=false "
                    + JsonPeek.field(answer.body(), "error").orElse("(no error named)"));
        }
        if (answer.isSuccess() && request.okField().isPresent()) {
            String okField = request.okField().get();
            if (!"true".equals(JsonPeek.field(answer.body(), okField).orElse(""))) {
                String error = JsonPeek.field(answer.body(), "error").orElse("no " + okField + " field");
                if (ALREADY_DONE.equals(error) && request.url().getPath().endsWith("/reactions.add")) {
                    return HttpAnswers.classify(answer, now); // the reaction is there: what was asked for
                }
                String reason = answer.status() + " " + okField + "=false " + error;
                return TRANSIENT_ERRORS.contains(error)
                        ? new Outcome.Retry(answer.status(), reason, RetryAfter.header(answer, now))
                        : new Outcome.Dead(answer.status(), reason);
            }
        }
        return HttpAnswers.classify(answer, now);
    }
}
