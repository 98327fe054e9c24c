package io.chatrelay.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Chat Data body into a {@link ChatDataEvent}, tolerating what real senders do: nested
 * objects sent as JSON strings, {@code client_id} for {@code client_ip}, missing or null fields,
 * extra lead fields, and the type only in the {@code x-chat-data-topic} header. Tolerant of shapes,
 * strict about bytes: the body must be {@link StrictJson strict JSON}, so the relay and any other
 * reader of the same bytes see the same event.
 */
public final class EventParser {

    static final int MAX_NESTING_DEPTH = StrictJson.MAX_NESTING_DEPTH;

    private static final Set<String> LEAD_KEYS = Set.of("uuid", "name", "email", "phone");
    private static final int MAX_TRANSCRIPT_MESSAGES = 1_000;
    /**
     * An event type is a name: up to 64 letters, digits, dots, underscores and hyphens. Anything else
     * (a 900 KB string, CR/LF, quotes) is kept as {@code unknown}: the event is accepted and routed,
     * but no such value is echoed, logged, stored as the type or put into a header.
     */
    private static final java.util.regex.Pattern EVENT_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String UNKNOWN = "unknown";

    private EventParser() {}

    /** A body as it arrives: refused unless it is strict JSON. */
    public static ChatDataEvent parse(byte[] body, String topicHeader) throws MalformedEventException {
        return event(StrictJson.read(body), topicHeader);
    }

    /**
     * A body the relay accepted earlier, from its store: read as it was accepted, so that an event
     * acknowledged before bodies had to be strict JSON is delivered, never refused after the fact.
     */
    public static ChatDataEvent parseStored(byte[] body, String type) throws MalformedEventException {
        return event(StrictJson.readAccepted(body), type);
    }

    private static ChatDataEvent event(JsonNode root, String topicHeader) throws MalformedEventException {
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("body must be a JSON object");
        }
        ObjectNode fields = normalise((ObjectNode) root, topicHeader);
        return build(fields);
    }

    /** The event type as {@link #parse} would decide it, for callers that only need the type. */
    static String typeOf(ObjectNode body, String topicHeader) {
        String fromBody = Json.text(body.get("event"));
        if (fromBody != null && !fromBody.isBlank()) {
            return isName(fromBody.trim()) ? fromBody.trim() : UNKNOWN;
        }
        if (topicHeader != null && isName(topicHeader.trim())) {
            return topicHeader.trim();
        }
        return UNKNOWN;
    }

    private static boolean isName(String type) {
        return EVENT_NAME.matcher(type).matches();
    }

    private static ObjectNode normalise(ObjectNode body, String topicHeader) {
        ObjectNode fields = body.deepCopy();
        fields.put("event", typeOf(body, topicHeader));
        for (String key : List.of("messages", "answer", "lead")) {
            JsonNode value = fields.get(key);
            if (value != null && value.isTextual()) {
                JsonNode reparsed = reparse(value.asText());
                if (reparsed != null) {
                    fields.set(key, reparsed);
                }
            }
        }
        if (Json.text(fields.get("client_ip")) == null && Json.text(fields.get("client_id")) != null) {
            fields.set("client_ip", fields.get("client_id"));
        }
        ObjectNode cleaned = Bidi.clean(fields);
        cleaned.set("event", fields.get("event")); // a key that only became "event" once stripped does not decide
        return cleaned;
    }

    private static JsonNode reparse(String text) {
        try {
            JsonNode node = StrictJson.read(text);
            return node != null && (node.isObject() || node.isArray()) ? node : null;
        } catch (MalformedEventException e) {
            return null; // not strict JSON: it stays the text it is
        }
    }

    private static ChatDataEvent build(ObjectNode f) {
        String type = f.get("event").asText();
        String chatbotId = Json.text(f.get("chatbot_id"));
        String conversationId = Json.text(f.get("conversation_id"));
        switch (type) {
            case "chat": {
                JsonNode answer = f.get("answer");
                return new ChatDataEvent.Chat(f, messages(f.get("messages")), message(answer),
                        answer != null && answer.path("score").isNumber() ? answer.get("score").asDouble() : null,
                        Json.text(f.get("client_ip")), chatbotId, Json.text(f.get("source")), conversationId,
                        Json.text(f.get("cost_credits")), lead(f.get("lead")));
            }
            case "live-chat-escalation":
                return new ChatDataEvent.LiveChatEscalation(f, messages(f.get("messages")),
                        Json.text(f.get("notification_email")), chatbotId, Json.text(f.get("chatbot_name")),
                        Json.text(f.get("chatbot_display_name")), Json.text(f.get("handling_url")), conversationId,
                        f.path("conversation_start_time").canConvertToLong() ? f.get("conversation_start_time").asLong() : null,
                        lead(f.get("lead")));
            case "lead-submission":
                return new ChatDataEvent.LeadSubmission(f, chatbotId, Json.text(f.get("chatbot_name")),
                        Json.text(f.get("chatbot_display_name")), lead(f.get("lead")));
            case "user-online":
                return new ChatDataEvent.UserOnline(f, chatbotId, Json.text(f.get("chatbot_name")), conversationId,
                        Json.text(f.get("source")), visitor(f));
            case "user-offline":
                return new ChatDataEvent.UserOffline(f, chatbotId, Json.text(f.get("chatbot_name")), conversationId,
                        Json.text(f.get("source")), visitor(f));
            default:
                return new ChatDataEvent.Unknown(type, f, chatbotId, conversationId);
        }
    }

    private static List<Message> messages(JsonNode node) {
        List<Message> messages = new ArrayList<>();
        if (node == null || !node.isArray()) {
            return messages;
        }
        int skip = Math.max(0, node.size() - MAX_TRANSCRIPT_MESSAGES);
        for (int i = skip; i < node.size(); i++) {
            Message message = message(node.get(i));
            if (message != null) {
                messages.add(message);
            }
        }
        return List.copyOf(messages);
    }

    private static Message message(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return new Message(null, node.asText());
        }
        String content = Json.text(node.get("content"));
        return content == null ? null : new Message(Json.text(node.get("role")), content);
    }

    private static Lead lead(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Lead.NONE;
        }
        Map<String, String> extra = new LinkedHashMap<>();
        node.properties().forEach(entry -> {
            String value = Json.text(entry.getValue());
            if (!LEAD_KEYS.contains(entry.getKey()) && value != null && !value.isBlank()) {
                extra.put(entry.getKey(), value);
            }
        });
        return new Lead(Json.text(node.get("uuid")), Json.text(node.get("name")), Json.text(node.get("email")),
                Json.text(node.get("phone")), extra);
    }

    private static Visitor visitor(JsonNode f) {
        return new Visitor(Json.text(f.get("uuid")), Json.text(f.get("name")), Json.text(f.get("email")),
                Json.text(f.get("phone")));
    }
}
