package io.chatrelay.platform.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.config.ReplyRules;
import io.chatrelay.platform.NoticeTargets;
import io.chatrelay.platform.Masking;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.store.Claims;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What an agent who answers from Telegram sees, as notices the outbox sends with the bot token: a
 * reaction on their message once Chat Data took the reply ({@value #DELIVERED}) or when it is dead
 * ({@value #FAILED}: Telegram allows only its own list of reaction emoji, which has neither ✅ nor
 * ⚠️), a reply to their message with Chat Data's reason, and after a claim a reply to the
 * escalation's message saying how replies work. Targets: {@code {"ack", "reaction"}} and
 * {@code {"ack", "say"}} as the outbox queues them for a reply ({@code ack} is
 * {@code {"chat_id","message_id"}} of the agent's message), {@code {"line", "reply_to"}} as a claim
 * queues it ({@code reply_to} the escalation's message, in the same form).
 */
final class TelegramNotices {

    static final String DELIVERED = "👍";
    static final String FAILED = "👎";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String base;
    private final String token;
    private final String chatId;
    private final Optional<String> messageThreadId;

    TelegramNotices(TelegramConfig destination) {
        this.base = destination.apiBaseUrl().toString().replaceAll("/+$", "");
        this.token = destination.botToken().reveal();
        this.chatId = destination.chatId();
        this.messageThreadId = destination.messageThreadId();
    }

    /** What a claim through {@code telegram} queues: the line, replying to {@code escalation}, when it hears replies. */
    static List<Claims.Queued> whenTaken(TelegramConfig telegram, boolean apiKey,
                                         Optional<TelegramTakes.Posted> escalation) {
        if (telegram.replyMode(apiKey) == ReplyRules.Mode.OFF) {
            return List.of();
        }
        ObjectNode target = NODES.objectNode().put("line", line(telegram.replies().internalPrefix()));
        escalation.ifPresent(message -> target.set("reply_to", NODES.objectNode().put("chat_id", message.chatId())
                .put("message_id", message.messageId())));
        return List.of(new Claims.Queued(telegram.name(), target.toString()));
    }

    /** "Replies to this message go to the visitor. Start with // to keep a note internal." */
    static String line(String internalPrefix) {
        return NoticeTargets.line("Replies to this message go to the visitor.", internalPrefix);
    }

    /** The target as one of these notices; empty for any other (a press's answer). */
    static Optional<JsonNode> read(String target) {
        return NoticeTargets.read(target);
    }

    /** The request for {@code notice}; empty when the message it is about is not named. */
    Optional<OutboundRequest> render(JsonNode notice) {
        Optional<TelegramTakes.Posted> ack = posted(notice.path("ack"));
        if (notice.has("reaction")) {
            String emoji = "delivered".equals(notice.path("reaction").asText()) ? DELIVERED : FAILED;
            return ack.map(message -> {
                ObjectNode body = NODES.objectNode().put("chat_id", message.chatId())
                        .put("message_id", message.messageId());
                body.putArray("reaction").addObject().put("type", "emoji").put("emoji", emoji);
                return call("setMessageReaction", body);
            });
        }
        if (notice.has("say")) {
            return ack.map(message -> send(message.chatId(), Optional.of(message.messageId()),
                    notice.path("say").asText("")));
        }
        Optional<TelegramTakes.Posted> escalation = posted(notice.path("reply_to"));
        return Optional.of(send(escalation.map(TelegramTakes.Posted::chatId).orElse(chatId),
                escalation.map(TelegramTakes.Posted::messageId), notice.path("line").asText("")));
    }

    /** {@code sendMessage} of {@code words} as typed, replying to {@code replyTo} if it still exists. */
    private OutboundRequest send(String chat, Optional<Long> replyTo, String words) {
        ObjectNode body = NODES.objectNode().put("chat_id", chat);
        messageThreadId.ifPresent(id -> {
            if (id.matches("\\d{1,18}")) {
                body.put("message_thread_id", Long.parseLong(id));
            } else {
                body.put("message_thread_id", id);
            }
        });
        body.put("text", TelegramHtml.truncate(TelegramHtml.escape(words), TelegramFormatter.MAX_TEXT));
        body.put("parse_mode", "HTML");
        body.putObject("link_preview_options").put("is_disabled", true);
        replyTo.ifPresent(id -> body.putObject("reply_parameters").put("message_id", id)
                .put("allow_sending_without_reply", true));
        return call("sendMessage", body);
    }

    private OutboundRequest call(String method, ObjectNode body) {
        return OutboundRequest.postJson(URI.create(base + "/bot" + token + "/" + method),
                base + "/bot" + Masking.MASK + "/" + method, body);
    }

    private static Optional<TelegramTakes.Posted> posted(JsonNode node) {
        return node.isObject() ? TelegramTakes.Posted.read(node.toString()) : Optional.empty();
    }
}
