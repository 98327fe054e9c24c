package io.chatrelay.platform.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.EscalationState;
import io.chatrelay.render.Summary;
import io.chatrelay.render.Text;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What an escalation's Telegram message carries to be taken: an inline keyboard with a "Take this
 * chat" button (a {@code callback_data} press when the destination has a {@code webhook_secret},
 * else a link to the relay's claim page) next to "Open live chat", the button gone once taken; and
 * the few words that answer one person's press.
 */
final class TelegramTakes {

    /** What a take button's {@code callback_data} starts with; the event id follows. */
    static final String CLAIM = "claim:";
    static final String TAKE = "🙋 Take this chat";
    static final String OPEN = "Open live chat";
    /** Telegram's limits: {@code callback_data} in bytes, a callback answer's {@code text} in characters. */
    static final int MAX_CALLBACK_DATA = 64;
    static final int MAX_ANSWER = 200;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TelegramTakes() {}

    /** The target of a press's answer: which callback query, and who pressed. */
    record Press(String callbackQueryId, String user) {

        String json() {
            return NODES.objectNode().put("callback_query_id", callbackQueryId).put("user", user).toString();
        }

        static Optional<Press> read(String target) {
            JsonNode node = parse(target);
            String id = node.path("callback_query_id").asText("");
            return id.isEmpty() ? Optional.empty() : Optional.of(new Press(id, node.path("user").asText("")));
        }
    }

    /** A posted message's reference: {@code {"chat_id", "message_id"}}. */
    record Posted(String chatId, long messageId) {

        String json() {
            return NODES.objectNode().put("chat_id", chatId).put("message_id", messageId).toString();
        }

        static Optional<Posted> read(String reference) {
            JsonNode node = parse(reference);
            return node.path("message_id").canConvertToLong() && !node.path("chat_id").asText("").isEmpty()
                    ? Optional.of(new Posted(node.path("chat_id").asText(), node.path("message_id").asLong()))
                    : Optional.empty();
        }
    }

    /**
     * The escalation's inline keyboard, or empty when it has no buttons: for an escalation that a
     * button or link can take ({@code callbacks}: the destination hears presses), "Take this chat"
     * while it is takeable and "Open live chat" always.
     */
    static Optional<ObjectNode> keyboard(Envelope envelope, Summary summary, boolean callbacks) {
        EscalationState state = envelope.escalation();
        if (!(envelope.event() instanceof ChatDataEvent.LiveChatEscalation)
                || !(callbacks || state.claimLink().isPresent())) {
            return Optional.empty();
        }
        ArrayNode row = NODES.arrayNode();
        String data = CLAIM + envelope.raw().id();
        if (state.takeable() && callbacks && data.getBytes(StandardCharsets.UTF_8).length <= MAX_CALLBACK_DATA) {
            row.addObject().put("text", TAKE).put("callback_data", data);
        } else if (state.takeable() && state.claimLink().isPresent()) {
            row.addObject().put("text", TAKE).put("url", state.claimLink().get().toString());
        }
        summary.link().filter(link -> buttonUrl(link.url()))
                .ifPresent(link -> row.addObject().put("text", OPEN).put("url", link.url()));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode markup = NODES.objectNode();
        markup.putArray("inline_keyboard").add(row);
        return Optional.of(markup);
    }

    /**
     * Whether Telegram takes {@code url} in a button: an absolute http(s) URL with a host. One it
     * refuses (BUTTON_URL_INVALID) would cost the whole message, so such a link stays in the text only.
     */
    static boolean buttonUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException notAUrl) {
            return false;
        }
    }

    /** "You took this chat." for the taker, "Ana took this chat at 14:02 UTC" for anyone else; empty if untaken. */
    static Optional<String> answer(EscalationState state, String user) {
        return state.taken().map(taken -> !user.isEmpty() && user.equals(taken.byId()) ? "You took this chat."
                : Text.truncate(taken.by() + " took this chat at " + EscalationState.clock(taken.at()), MAX_ANSWER));
    }

    /** The HTML lines a message gains ("🙋 Taken by Ana at 14:02 UTC"), escaped; empty when there are none. */
    static String statusHtml(EscalationState state) {
        return state.statusLines().stream().map(TelegramHtml::escape).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? NODES.objectNode() : node;
        } catch (IOException notOurs) {
            return NODES.objectNode();
        }
    }
}
