package io.chatrelay.platform.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.ingest.Inbound;
import io.chatrelay.log.LogSafe;
import io.chatrelay.store.Claims;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /telegram/{destination}}: the updates Telegram sends to the webhook {@code setWebhook}
 * registered for a destination with a {@code webhook_secret}. Each carries that secret in
 * {@code X-Telegram-Bot-Api-Secret-Token} (compared in constant time; else 401). A press of a take
 * button ({@code callback_query} with {@code claim:<event id>}) in the destination's own chat is
 * stored as a claim, with the answer to the presser, before it is answered 200; so is a message
 * replying to an escalation's message, as an agent's reply to the visitor ({@link TelegramReplies});
 * an update Telegram resends (same {@code update_id}) is acted on once. A press or reply in the
 * chat of another destination with the same bot and a {@code webhook_secret} is that destination's
 * (a bot has one webhook). Updates from other chats and every other kind of update are answered
 * 200 and ignored. No secret: 404, so that a reload turns the route on and off.
 */
public final class TelegramUpdates implements Handler {

    public static final String PATH = "/telegram/{destination}";
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final Logger LOG = LoggerFactory.getLogger(TelegramUpdates.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Inbound.Parts parts;
    private final TelegramReplies replies;

    public TelegramUpdates(Inbound.Parts parts) {
        this.parts = parts;
        this.replies = new TelegramReplies(parts);
    }

    @Override
    public void handle(Context ctx) {
        String name = ctx.pathParam("destination");
        RelayConfig config = parts.config().get();
        DestinationConfig destination = config.destinations().get(name);
        if (!(destination instanceof TelegramConfig telegram) || telegram.webhookSecret().isEmpty()) {
            ctx.status(404).json(Map.of("error", "not found"));
            return;
        }
        String given = ctx.header(SECRET_HEADER);
        if (!matches(given, telegram.webhookSecret().get().reveal())) {
            refuse(ctx, 401, "signature", given == null ? "missing secret token" : "secret token does not match",
                    (given == null ? "no " + SECRET_HEADER : "a " + SECRET_HEADER + " that is not the webhook_secret")
                            + " for telegram destination " + name
                            + " (a setWebhook without secret_token, or a changed secret?)");
            return;
        }
        JsonNode update;
        try {
            update = JSON.readTree(ctx.bodyAsBytes());
        } catch (java.io.IOException notJson) { // the body is in memory: only a parse can fail
            update = null;
        }
        if (update == null || !update.isObject() || !update.path("update_id").canConvertToLong()) {
            refuse(ctx, 400, "json", "not a Telegram update (a JSON object with an update_id)",
                    "a body that is not a Telegram update, for telegram destination " + name);
            return;
        }
        answer(ctx, config, telegram, update);
    }

    /** An authentic update to the webhook of {@code owner}: a press is stored, anything else is ignored. */
    private void answer(Context ctx, RelayConfig config, TelegramConfig owner, JsonNode update) {
        Claims.Inbound inbound = new Claims.Inbound("telegram:" + owner.name(), update.path("update_id").asText());
        Optional<TelegramConfig> from = chatOf(update).flatMap(chat -> destinationOf(chat, owner, config));
        if (from.isEmpty()) {
            LOG.debug("telegram update {} for {} ignored: not from a chat of its bot's destinations", inbound.id(),
                    owner.name());
            ctx.status(200);
            return;
        }
        TelegramConfig telegram = from.get();
        if (update.path("message").isObject()) {
            replies.heard(telegram, inbound, update.path("message")).ifPresentOrElse(
                    method -> ctx.status(200).json(method), () -> ctx.status(200));
            return;
        }
        JsonNode query = update.path("callback_query");
        String data = query.path("data").asText("");
        if (!query.isObject() || !data.startsWith(TelegramTakes.CLAIM)) {
            // nothing is stored for it, so a resent one costs nothing either: no synced write per chat message
            LOG.debug("telegram update {} for {} ignored: not a press of a take button", inbound.id(), telegram.name());
            ctx.status(200);
            return;
        }
        press(ctx, telegram, inbound, query);
    }

    /** A press of a take button: stored, with the answer to the presser, before Telegram is answered. */
    private void press(Context ctx, TelegramConfig telegram, Claims.Inbound inbound, JsonNode query) {
        String data = query.path("data").asText("");
        JsonNode presser = query.path("from");
        String byName = (presser.path("first_name").asText("") + " " + presser.path("last_name").asText("")).strip();
        String user = presser.path("id").asText("");
        Claims.Press press = new Claims.Press(data.substring(TelegramTakes.CLAIM.length()), user,
                byName.isEmpty() ? user : byName, telegram.name(), parts.clock().instant(), Optional.of(inbound),
                Optional.of(new Claims.Queued(telegram.name(),
                        new TelegramTakes.Press(query.path("id").asText(""), user).json())), Optional.empty())
                .whenTaken(TelegramNotices.whenTaken(telegram, parts.config().get().chatDataApi().apiKey().isPresent(),
                        pressed(query.path("message"))));
        Claims.Taken taken = parts.takes().take(press);
        if (taken.result() == Claims.Result.UNKNOWN_EVENT || taken.result() == Claims.Result.NOT_AN_ESCALATION) {
            // no answer was queued: answer the press in the webhook's reply, so its spinner stops
            ctx.status(200).json(Map.of("method", "answerCallbackQuery", "callback_query_id",
                    query.path("id").asText(""), "text", "This chat cannot be taken any more."));
            return;
        }
        ctx.status(200);
    }

    /** The message whose button was pressed: the escalation's. */
    private static Optional<TelegramTakes.Posted> pressed(JsonNode message) {
        String chat = message.path("chat").path("id").asText("");
        return chat.isEmpty() || !message.path("message_id").canConvertToLong() ? Optional.empty()
                : Optional.of(new TelegramTakes.Posted(chat, message.path("message_id").asLong()));
    }

    /** The chat an update comes from: a press's message's, or the message's. */
    private static Optional<JsonNode> chatOf(JsonNode update) {
        for (String kind : new String[] {"message", "edited_message", "channel_post", "edited_channel_post"}) {
            if (update.path(kind).path("chat").isObject()) {
                return Optional.of(update.path(kind).path("chat"));
            }
        }
        JsonNode chat = update.path("callback_query").path("message").path("chat");
        return chat.isObject() ? Optional.of(chat) : Optional.empty();
    }

    /**
     * The destination whose chat the update is from: the webhook's own, or another with a
     * {@code webhook_secret} and the same bot (Telegram sends all of a bot's updates to one webhook).
     */
    private static Optional<TelegramConfig> destinationOf(JsonNode chat, TelegramConfig owner, RelayConfig config) {
        if (sameChat(chat, owner.chatId())) {
            return Optional.of(owner);
        }
        return config.destinations().values().stream().filter(TelegramConfig.class::isInstance)
                .map(TelegramConfig.class::cast).filter(other -> other.webhookSecret().isPresent()
                        && other.botToken().equals(owner.botToken()) && sameChat(chat, other.chatId()))
                .findFirst();
    }

    /** {@code chat_id} as configured: the chat's numeric id, or its {@code @username}. */
    private static boolean sameChat(JsonNode chat, String chatId) {
        return chatId.equals(chat.path("id").asText()) || chat.path("username").isTextual()
                && chatId.equalsIgnoreCase("@" + chat.path("username").asText());
    }

    /** In constant time, whatever the lengths: the digests of both are compared. */
    private static boolean matches(String given, String secret) {
        return given != null && MessageDigest.isEqual(sha256(given), sha256(secret));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Counted, kept for the console and logged within the budget; {@code why} never holds a value from the request. */
    private void refuse(Context ctx, int status, String reason, String answer, String why) {
        parts.metrics().requestRejected(reason);
        long length = ctx.req().getContentLengthLong();
        parts.refusals().refused(reason, status, ctx.ip(), length < 0 ? OptionalLong.empty() : OptionalLong.of(length),
                null, LogSafe.value(why));
        ctx.status(status).json(Map.of("error", answer));
    }
}
