package io.chatrelay.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The notices about an agent's replies that every platform hearing replies renders: a target with
 * {@code reaction} (what became of a reply: {@code delivered} or {@code failed}), {@code say} (a
 * line to the agent) or {@code line} (how replies work, after a claim), each with the platform's own
 * {@code ack} or reference beside it.
 */
public final class NoticeTargets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NoticeTargets() {}

    /** The target as one of these notices; empty for any other (a press's answer). */
    public static Optional<JsonNode> read(String target) {
        try {
            JsonNode node = JSON.readTree(target == null ? "" : target);
            return node != null && node.isObject() && (node.has("reaction") || node.has("say") || node.has("line"))
                    ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "{lead} Start with // to keep a note internal.", or {@code lead} alone when nothing is kept back. */
    public static String line(String lead, String internalPrefix) {
        return lead + (internalPrefix.isEmpty() ? "" : " Start with " + internalPrefix + " to keep a note internal.");
    }
}
