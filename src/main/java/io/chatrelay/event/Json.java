package io.chatrelay.event;

import com.fasterxml.jackson.databind.JsonNode;

/** Small, null-safe readers over Jackson nodes. */
public final class Json {

    private Json() {}

    /** A scalar's text, a container's JSON, or null when the node is missing or JSON null. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** The node at a dotted path ({@code lead.email}), or null. */
    public static JsonNode at(JsonNode root, String dottedPath) {
        JsonNode node = root;
        for (String part : dottedPath.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }
}
