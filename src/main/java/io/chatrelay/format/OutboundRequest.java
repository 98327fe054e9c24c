package io.chatrelay.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Map;

/**
 * An HTTP request ready to send. {@code displayUrl} is the URL with its secret parts masked: the
 * only form that may be printed or logged.
 */
public record OutboundRequest(String method, URI url, String displayUrl, Map<String, String> headers, byte[] body) {

    public OutboundRequest {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON POST: the common case for every chat platform. */
    public static OutboundRequest postJson(URI url, String displayUrl, JsonNode body) {
        try {
            return new OutboundRequest("POST", url, displayUrl, Map.of("Content-Type", "application/json"),
                    JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
