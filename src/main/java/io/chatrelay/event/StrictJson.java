package io.chatrelay.event;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSON exactly as RFC 8259 exchanges it between systems, and nothing a second reader could take
 * differently: well-formed UTF-8 without a byte order mark (so never UTF-16 or UTF-32, whatever a
 * reader would guess), every key once in its object (a first-wins reader and a last-wins reader
 * would see two different events), every number within a double's range (not silently
 * {@code Infinity}). A body that is not so is refused, saying where.
 */
final class StrictJson {

    /** Chat Data payloads are three levels deep; anything near this limit is hostile. */
    static final int MAX_NESTING_DEPTH = 64;
    static final int MAX_STRING_LENGTH = 8 * 1024 * 1024;

    private static final ObjectMapper JSON = mapper(true);
    /** How bodies were read before they had to be strict: for events already accepted and stored. */
    private static final ObjectMapper AS_ACCEPTED = mapper(false);
    /** A key is named in an error only when it cannot carry anything but a name. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Jackson's words for a repeated key ({@code JsonReadContext}): it has no exception type of its own. */
    private static final String DUPLICATE = "Duplicate field '";

    private StrictJson() {}

    private static ObjectMapper mapper(boolean strict) {
        return JsonMapper.builder(new JsonFactoryBuilder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_NESTING_DEPTH)
                                .maxStringLength(MAX_STRING_LENGTH)
                                .build())
                        .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, strict)
                        .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
    }

    /**
     * A body the relay accepted and stored, read as it was when it was accepted: one stored before
     * bodies had to be strict (a repeated key, a byte order mark) is still delivered as it was routed.
     */
    static JsonNode readAccepted(byte[] body) throws MalformedEventException {
        try {
            return AS_ACCEPTED.readTree(body);
        } catch (java.io.IOException e) {
            throw new MalformedEventException("body is not valid JSON");
        }
    }

    /** The body's JSON value; throws for bytes that are not strict JSON, with a reason safe to answer. */
    static JsonNode read(byte[] body) throws MalformedEventException {
        return read(utf8(body));
    }

    /** As {@link #read(byte[])}, for text already decoded (a JSON document sent inside a JSON string). */
    static JsonNode read(String text) throws MalformedEventException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (StreamReadException e) {
            throw new MalformedEventException(duplicate(e) ? "body has a duplicate key" + named(path(e)) : "body is not valid JSON");
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("body is not valid JSON");
        }
        Deque<Object> at = new ArrayDeque<>();
        if (root != null && outOfRange(root, at)) {
            throw new MalformedEventException("body has a number outside the range of a double" + named(at));
        }
        return root;
    }

    /**
     * The body decoded as UTF-8 by a decoder that reports, never replaces: an overlong form
     * ({@code C0 AF} for {@code /}), a surrogate, a code point beyond U+10FFFF or a cut sequence is
     * refused with the offset of its first byte.
     */
    static String utf8(byte[] body) throws MalformedEventException {
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            throw new MalformedEventException("body starts with a byte order mark: send UTF-8 without one");
        }
        if (startsWith(body, 0xFE, 0xFF) || startsWith(body, 0xFF, 0xFE)) {
            throw new MalformedEventException("body is UTF-16 or UTF-32: send UTF-8");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new MalformedEventException("body is not well-formed UTF-8 (at byte " + in.position() + ")");
        }
        return out.flip().toString();
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean duplicate(StreamReadException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith(DUPLICATE) && e.getProcessor() != null;
    }

    /** Where the parser stood: the repeated key, and the keys and indexes above it. */
    private static Deque<Object> path(StreamReadException e) {
        Deque<Object> path = new ArrayDeque<>();
        for (JsonStreamContext context = ((JsonParser) e.getProcessor()).getParsingContext();
             context != null && !context.inRoot(); context = context.getParent()) {
            path.addFirst(context.inArray() ? (Object) context.getCurrentIndex() : context.getCurrentName());
        }
        return path;
    }

    /** True when a number under {@code node} is not finite as a double; {@code path} then says where. */
    private static boolean outOfRange(JsonNode node, Deque<Object> path) {
        if (node.isNumber()) {
            return !Double.isFinite(node.doubleValue());
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (outOfRange(field.getValue(), path)) {
                    path.addFirst(field.getKey());
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (outOfRange(node.get(i), path)) {
                    path.addFirst(i);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code : lead.email} or {@code : messages[2].role}, to end a reason with; empty when a key on
     * the way is not a plain name, since an error never echoes what else a body holds.
     */
    private static String named(Deque<Object> path) {
        StringBuilder named = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                named.append('[').append(index).append(']');
            } else if (step instanceof String key && PLAIN_KEY.matcher(key).matches()) {
                named.append(named.isEmpty() ? "" : ".").append(key);
            } else {
                return "";
            }
        }
        return named.isEmpty() ? "" : ": " + named;
    }
}
