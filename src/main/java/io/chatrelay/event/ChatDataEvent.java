package io.chatrelay.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One Chat Data webhook event, parsed tolerantly. Every field may be null: Chat Data documents
 * payloads loosely and omits fields freely. {@link #fields()} is the normalised JSON that routes
 * match against and templates read (JSON strings re-parsed, {@code client_id} copied to
 * {@code client_ip}, {@code event} set, bidirectional controls dropped from names and facts and
 * each message's text {@link Bidi isolated}); it must not be modified.
 */
public sealed interface ChatDataEvent {

    /** The event type, e.g. {@code live-chat-escalation}; {@code unknown} when neither body nor header names one. */
    String type();

    JsonNode fields();

    String chatbotId();

    String conversationId();

    /** A {@code chat}: a bot answer with the history before it. */
    record Chat(JsonNode fields, List<Message> messages, Message answer, Double score, String clientIp,
                String chatbotId, String source, String conversationId, String costCredits, Lead lead)
            implements ChatDataEvent {
        public String type() {
            return "chat";
        }
    }

    /** A visitor asked for a human; {@code handlingUrl} is where an agent takes over. */
    record LiveChatEscalation(JsonNode fields, List<Message> messages, String notificationEmail, String chatbotId,
                              String chatbotName, String chatbotDisplayName, String handlingUrl,
                              String conversationId, Long conversationStartTime, Lead lead) implements ChatDataEvent {
        public String type() {
            return "live-chat-escalation";
        }
    }

    record LeadSubmission(JsonNode fields, String chatbotId, String chatbotName, String chatbotDisplayName, Lead lead)
            implements ChatDataEvent {
        public String type() {
            return "lead-submission";
        }

        public String conversationId() {
            return null;
        }
    }

    record UserOnline(JsonNode fields, String chatbotId, String chatbotName, String conversationId, String source,
                      Visitor visitor) implements ChatDataEvent {
        public String type() {
            return "user-online";
        }
    }

    record UserOffline(JsonNode fields, String chatbotId, String chatbotName, String conversationId, String source,
                       Visitor visitor) implements ChatDataEvent {
        public String type() {
            return "user-offline";
        }
    }

    /** An event type this version does not know yet; still routable by its fields. */
    record Unknown(String type, JsonNode fields, String chatbotId, String conversationId) implements ChatDataEvent {}
}
