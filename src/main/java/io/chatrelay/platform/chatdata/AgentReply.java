package io.chatrelay.platform.chatdata;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One message a human agent appends to a visitor's conversation: what {@code POST /api/v2/live-chat}
 * carries, signed with the agent's {@code name} and {@code avatar} (an image URL) in the chat widget.
 * {@code message} must hold more than whitespace and be within {@link ReplySplit#LIMIT}; a longer
 * reply is first cut into parts with {@link ReplySplit#parts}.
 */
public record AgentReply(String chatbotId, String conversationId, String message, String name,
                         Optional<URI> avatar) {

    public AgentReply {
        Objects.requireNonNull(chatbotId, "chatbotId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(avatar, "avatar");
        if (chatbotId.isBlank() || conversationId.isBlank()) {
            throw new IllegalArgumentException("a reply needs the escalation's chatbotId and conversationId");
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("Chat Data refuses an empty message");
        }
        if (message.length() > ReplySplit.LIMIT) {
            throw new IllegalArgumentException("a message of " + message.length() + " characters is over "
                    + ReplySplit.LIMIT + ": send ReplySplit.parts of it instead");
        }
    }
}
