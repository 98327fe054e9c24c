package io.chatrelay.platform.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.config.ReplyRules;
import io.chatrelay.ingest.AgentReplies;
import io.chatrelay.ingest.Inbound;
import io.chatrelay.render.TelegramToMarkdown;
import io.chatrelay.store.Claims;
import io.chatrelay.store.Replies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code message} update read as an agent's reply when it is one: a person's message (not a
 * bot's) in the chat of a Telegram destination whose {@code replies} are not off, replying to the
 * relay's message of an escalation, not starting with its {@code internal_prefix}. Its text (or a
 * caption) goes to the visitor as Markdown under the author's first and last name; Telegram's
 * {@code update_id} makes a resent update one reply. Files are not sent: a message with a file is
 * answered, through the webhook's reply, with a message telling the agent so; as is a reply that
 * is not sent because someone else took the chat.
 */
final class TelegramReplies {

    static final String FILES_NOT_SENT = "📎 Files are not sent to the visitor: only the words are.";
    /** A message's parts that are a file of some kind (a photo, a document, a voice note...). */
    private static final Set<String> MEDIA = Set.of("photo", "document", "video", "audio", "voice", "video_note",
            "animation", "sticker");
    private static final Logger LOG = LoggerFactory.getLogger(TelegramReplies.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Inbound.Parts parts;

    TelegramReplies(Inbound.Parts parts) {
        this.parts = parts;
    }

    /**
     * Stores the reply {@code message} holds, if it is one, and returns what to answer Telegram with
     * (a method call telling the agent something), if anything; throws {@code StoreUnavailableException}.
     */
    Optional<ObjectNode> heard(TelegramConfig telegram, Claims.Inbound inbound, JsonNode message) {
        ReplyRules.Mode mode = telegram.replyMode(parts.config().get().chatDataApi().apiKey().isPresent());
        JsonNode from = message.path("from");
        JsonNode parent = message.path("reply_to_message");
        String why = mode == ReplyRules.Mode.OFF ? "replies are off"
                : !from.path("id").canConvertToLong() || from.path("is_bot").asBoolean(true) ? "not from a person"
                : !parent.path("message_id").canConvertToLong() ? "not a reply" : null;
        TelegramTakes.Posted answered = new TelegramTakes.Posted(message.path("chat").path("id").asText(""),
                parent.path("message_id").asLong());
        Optional<Replies.Escalation> escalation = why != null ? Optional.empty()
                : parts.replies().escalationOfMessage(telegram.name(), answered.json());
        if (why == null && escalation.isEmpty()) {
            why = "not a reply to an escalation's message";
        } else if (why == null && telegram.replies().internal(words(message))) {
            why = "an internal note";
        }
        if (why != null) {
            return ignored(inbound, telegram, why);
        }
        return reply(telegram, mode, inbound, escalation.get(), answered, message);
    }

    /** A person's reply to an escalation's message, stored unless it has no words; what to tell them. */
    private Optional<ObjectNode> reply(TelegramConfig telegram, ReplyRules.Mode mode, Claims.Inbound inbound,
                                       Replies.Escalation escalation, TelegramTakes.Posted answered, JsonNode message) {
        boolean files = MEDIA.stream().anyMatch(message::has);
        boolean caption = !message.has("text");
        String markdown = TelegramToMarkdown.convert(words(message),
                entities(message.path(caption ? "caption_entities" : "entities")));
        TelegramTakes.Posted agents = new TelegramTakes.Posted(answered.chatId(), message.path("message_id").asLong());
        if (markdown.isBlank()) {
            boolean first = parts.takes().claims().firstTime(inbound, parts.clock().instant());
            LOG.debug("telegram update {} for {} ignored: no words{}", inbound.id(), telegram.name(),
                    files && first ? ", only a file: the agent is told" : "");
            return files && first ? Optional.of(say(agents, FILES_NOT_SENT)) : Optional.empty();
        }
        JsonNode from = message.path("from");
        String name = (from.path("first_name").asText("") + " " + from.path("last_name").asText("")).strip();
        Replies.Stored stored = parts.replies().accept(new AgentReplies.Heard(inbound, escalation, telegram.name(),
                from.path("id").asText(), name.isEmpty() ? from.path("id").asText() : name, Optional.empty(), markdown,
                agents.json(), parts.clock().instant(), mode == ReplyRules.Mode.CLAIMER,
                TelegramNotices.whenTaken(telegram, true, Optional.of(answered))));
        if (stored.result() == Replies.Result.STORED && files) {
            return Optional.of(say(agents, FILES_NOT_SENT));
        }
        if (stored.result() == Replies.Result.NOT_YOURS && stored.claim().isPresent()) {
            return Optional.of(say(agents, stored.claim().get().byName() + " took this chat: your reply was not "
                    + "sent to the visitor."));
        }
        return Optional.empty();
    }

    /** The message's text, or a file's caption. */
    private static String words(JsonNode message) {
        return message.path(message.has("text") ? "text" : "caption").asText("");
    }

    /** Nothing is stored for an ignored message: a busy group costs no synced write per message. */
    private Optional<ObjectNode> ignored(Claims.Inbound inbound, TelegramConfig telegram, String why) {
        LOG.debug("telegram update {} for {} ignored: {}", inbound.id(), telegram.name(), why);
        return Optional.empty();
    }

    /** The webhook's answer that sends {@code words} as a reply to {@code to}. */
    private static ObjectNode say(TelegramTakes.Posted to, String words) {
        ObjectNode method = NODES.objectNode().put("method", "sendMessage").put("chat_id", to.chatId())
                .put("text", words);
        method.putObject("reply_parameters").put("message_id", to.messageId()).put("allow_sending_without_reply", true);
        return method;
    }

    /** A message's {@code entities} (or {@code caption_entities}) as the converter reads them; malformed ones left out. */
    static List<TelegramToMarkdown.Entity> entities(JsonNode entities) {
        List<TelegramToMarkdown.Entity> read = new ArrayList<>();
        for (JsonNode entity : entities) {
            if (entity.path("type").isTextual() && entity.path("offset").canConvertToInt()
                    && entity.path("length").canConvertToInt()) {
                read.add(new TelegramToMarkdown.Entity(entity.path("type").asText(), entity.path("offset").asInt(),
                        entity.path("length").asInt(), text(entity, "url"), text(entity, "language")));
            }
        }
        return read;
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.path(field).isTextual() ? Optional.of(node.path(field).asText()) : Optional.empty();
    }
}
