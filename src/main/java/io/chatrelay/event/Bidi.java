package io.chatrelay.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Bidirectional controls (UAX #9: the marks U+200E, U+200F and U+061C, the embeddings and
 * overrides U+202A to U+202E, the isolates U+2066 to U+2069) reorder the text around them, so
 * that {@code "Jane \u202Efdp.exe"} shows as "Jane exe.pdf". A name or a fact has no use for them:
 * they are dropped. Text a visitor typed keeps its characters, but each line is put in an isolate
 * of its own ({@code FSI ... PDI}), balanced, so nothing in it can reorder what is shown around it.
 */
final class Bidi {

    private static final char FSI = '\u2068';
    private static final char PDI = '\u2069';

    private Bidi() {}

    /**
     * An event's fields as every reader downstream should see them: the text of each message (in
     * {@code messages} and {@code answer}) isolated, every other string and every key stripped.
     * Changes {@code fields} in place where it can; returns the object to use.
     */
    static ObjectNode clean(ObjectNode fields) {
        for (String key : keys(fields)) {
            JsonNode value = fields.get(key);
            if (key.equals("messages") && value.isArray()) {
                ArrayNode messages = (ArrayNode) value;
                for (int i = 0; i < messages.size(); i++) {
                    messages.set(i, message(messages.get(i)));
                }
            } else if (key.equals("answer")) {
                fields.set(key, message(value));
            } else {
                fields.set(key, cleaned(value, Bidi::strip));
            }
        }
        return keysStripped(fields);
    }

    /** A message as text, or as an object whose {@code content} is the text. */
    private static JsonNode message(JsonNode node) {
        if (node.isObject()) {
            ObjectNode message = (ObjectNode) node;
            for (String key : keys(message)) {
                message.set(key, cleaned(message.get(key), key.equals("content") ? Bidi::isolate : Bidi::strip));
            }
            return keysStripped(message);
        }
        return cleaned(node, Bidi::isolate);
    }

    /** {@code node} with {@code text} applied to every string under it, and every key stripped. */
    private static JsonNode cleaned(JsonNode node, UnaryOperator<String> text) {
        if (node.isTextual()) {
            String value = node.textValue();
            String changed = text.apply(value);
            return changed.equals(value) ? node : TextNode.valueOf(changed);
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, cleaned(array.get(i), text));
            }
        } else if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (String key : keys(object)) {
                object.set(key, cleaned(object.get(key), text));
            }
            return keysStripped(object);
        }
        return node;
    }

    /** The object, or a copy in the same order with its keys stripped (the first of two keys that become one wins). */
    private static ObjectNode keysStripped(ObjectNode object) {
        if (object.propertyStream().noneMatch(field -> hasControl(field.getKey()))) {
            return object;
        }
        ObjectNode copy = object.objectNode();
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
        for (Map.Entry<String, JsonNode> field : fields) {
            copy.putIfAbsent(strip(field.getKey()), field.getValue());
        }
        return copy;
    }

    /** The object's keys, copied: the object may be changed while they are gone through. */
    private static List<String> keys(ObjectNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    static boolean isControl(char c) {
        return c == '\u200E' || c == '\u200F' || c == '\u061C' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** {@code text} without bidirectional controls; the same instance when it has none. */
    static String strip(String text) {
        if (!hasControl(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code text} with each line that holds a control put in an isolate: a closing PDI that
     * matches nothing the line opened is dropped (it would close the isolate early), and every
     * isolate the line leaves open is closed. Embeddings and overrides end with the isolate.
     * Lines without a control, and text without one, are left as they are.
     */
    static String isolate(String text) {
        if (!hasControl(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || isParagraphEnd(text.charAt(i))) {
                isolateLine(text, start, i, out);
                if (i < text.length()) {
                    out.append(text.charAt(i));
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    private static void isolateLine(String text, int start, int end, StringBuilder out) {
        if (!hasControl(text.substring(start, end))) {
            out.append(text, start, end);
            return;
        }
        out.append(FSI);
        int open = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == PDI) {
                if (open == 0) {
                    continue;
                }
                open--;
            } else if (c >= '\u2066' && c <= '\u2068') {
                open++;
            }
            out.append(c);
        }
        out.append(String.valueOf(PDI).repeat(open + 1));
    }

    /** Where UAX #9 ends a paragraph (class B): every embedding, override and isolate ends there too. */
    private static boolean isParagraphEnd(char c) {
        return c == '\n' || c == '\r' || c == '\u001C' || c == '\u001D' || c == '\u001E' || c == '\u0085'
                || c == '\u2029';
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
