package io.chatrelay.platform.telegram;

import io.chatrelay.config.DestinationFields;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.RateLimit;
import io.chatrelay.config.ReplyRules;
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

/** Telegram's Bot API {@code sendMessage} in HTML parse mode. */
public final class TelegramPlatform implements Platform<TelegramConfig> {

    static final String TYPE = "telegram";
    private static final URI API = URI.create("https://api.telegram.org");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<TelegramConfig> configType() {
        return TelegramConfig.class;
    }

    /** About one message a second per chat. */
    @Override
    public Optional<RateLimit> defaultRateLimit() {
        return Optional.of(new RateLimit(1, Duration.ofSeconds(1)));
    }

    /** What {@code setWebhook} accepts as {@code secret_token}. */
    private static final java.util.regex.Pattern WEBHOOK_SECRET = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,256}");

    @Override
    public Optional<TelegramConfig> read(String name, DestinationFields fields, DestinationOptions options) {
        Optional<Secret> token = fields.requiredSecret("bot_token");
        Optional<String> chatId = fields.requiredString("chat_id");
        Optional<String> threadId = fields.string("message_thread_id").filter(s -> !s.isBlank());
        URI apiBase = fields.url("api_base_url", false, false).orElse(API);
        Optional<Secret> webhookSecret = fields.secret("webhook_secret");
        ReplyRules replies = fields.replyRules(webhookSecret.isPresent(), "webhook_secret (replies arrive at the "
                + "relay's Telegram webhook)");
        if (webhookSecret.isPresent() && !WEBHOOK_SECRET.matcher(webhookSecret.get().reveal()).matches()) {
            fields.problem("webhook_secret", "must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's "
                    + "rule for setWebhook's secret_token), e.g. the output of: openssl rand -hex 32");
            return Optional.empty();
        }
        if (token.isEmpty() || chatId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TelegramConfig(name, token.get(), chatId.get(), threadId, apiBase, options,
                webhookSecret, replies));
    }

    @Override
    public Optional<TelegramConfig> standIn(TelegramConfig d, StandIn at) {
        return Optional.of(new TelegramConfig(d.name(), d.botToken(), d.chatId(), d.messageThreadId(),
                URI.create(at.http() + "/api"), d.options(), d.webhookSecret(), d.replies()));
    }

    @Override
    public String displayName() {
        return "Telegram";
    }

    @Override
    public WebhookUrls webhookUrls() {
        return WebhookUrls.dedicated(uri -> WebhookUrls.hostIsExactly(uri, "api.telegram.org"));
    }

    @Override
    public Optional<List<String>> asRead(byte[] body) {
        return TelegramView.lines(body);
    }

    @Override
    public Answer standInAnswer(String path, Map<String, String> query) {
        return path.endsWith("/answerCallbackQuery") || path.endsWith("/setMessageReaction") ? Answer.json(200, "{\"ok\":true,\"result\":true}")
                : Answer.json(200, "{\"ok\":true,\"result\":{\"message_id\":1,\"chat\":{\"id\":1}}}");
    }

    /** {@code {"chat_id", "message_id"}} of the message {@code sendMessage} posted, for {@code editMessageText}. */
    @Override
    public Optional<String> posted(OutboundRequest request, Answer answer) {
        return TelegramAnswers.posted(answer.body()).map(TelegramTakes.Posted::json);
    }

    @Override
    public Formatter formatter(TelegramConfig destination) {
        return new TelegramFormatter(destination);
    }

    /**
     * Flood control answers 429 with {@code parameters.retry_after} (seconds) in its JSON. An edit
     * that changes nothing (the message already shows it: a resent edit) is 400 "message is not
     * modified", which is what the edit wanted.
     */
    @Override
    public Outcome classify(OutboundRequest request, Answer answer, Instant now) {
        if (answer.status() == 400 && TelegramAnswers.notModified(answer.body())) {
            return new Outcome.Delivered(answer.status());
        }
        return HttpAnswers.byStatus(answer, RetryAfter.longest(RetryAfter.header(answer, now),
                RetryAfter.jsonSeconds(answer.body(), "parameters", "retry_after")));
    }
}
