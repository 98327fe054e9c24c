package io.chatrelay.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.config.ChatDataDestination;
import io.chatrelay.store.Claims;
import io.chatrelay.store.Delivery;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an agent sees of their reply in the chat app it came from, queued with the reply's outcome:
 * a tick once Chat Data took it; a warning and a line with Chat Data's reason when it is dead. The
 * notices' targets carry the reply's {@code ack} (the platform's own reference of the agent's
 * message) and what to show: {@code {"ack": ..., "reaction": "delivered" | "failed"}} or
 * {@code {"ack": ..., "say": "..."}}; the platform's formatter renders them.
 */
final class ReplyNotices {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A reply's fields that outcomes need: where it came from and which escalation it answers. */
    record Reply(String via, JsonNode ack, String escalationId, Instant escalationAcceptedAt) {}

    private ReplyNotices() {}

    /** The reply a delivery to Chat Data's API carries; empty for any other delivery. */
    static Optional<Reply> of(Delivery delivery) {
        if (!ChatDataDestination.NAME.equals(delivery.destination())) {
            return Optional.empty();
        }
        try {
            JsonNode body = JSON.readTree(delivery.event().body());
            String via = body.path("via").asText("");
            if (via.isEmpty()) {
                return Optional.empty();
            }
            JsonNode ack = JSON.readTree(body.path("ack").asText("{}"));
            return Optional.of(new Reply(via, ack, body.path("escalation_id").asText(""),
                    Instant.ofEpochMilli(body.path("escalation_accepted_at").asLong(0))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static List<Claims.Queued> delivered(Reply reply) {
        return List.of(queued(reply, "reaction", "delivered"));
    }

    static List<Claims.Queued> dead(Reply reply, String reason) {
        return List.of(queued(reply, "reaction", "failed"),
                queued(reply, "say", "⚠️ Not sent to the visitor: " + reason));
    }

    private static Claims.Queued queued(Reply reply, String key, String value) {
        ObjectNode target = JSON.createObjectNode();
        target.set("ack", reply.ack());
        target.put(key, value);
        return new Claims.Queued(reply.via(), target.toString());
    }
}
