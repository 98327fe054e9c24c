package io.chatrelay.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A request over its platform's {@link Transport} (HTTP or SMTP), ready to send, and what to read
 * from its answer: over HTTP a method, URL, headers and body; over SMTP the server's URL and the
 * whole mail message as the body. {@code displayUrl} is the URL
 * with its secret parts masked: the only form that may be printed or logged. {@code okField} names
 * a JSON field that must be {@code true} for a 2xx to count as success (Slack's Web API answers
 * 200 with {@code "ok": false}); {@code threadCapture} says where the answer carries the id of a
 * thread this request started. A value: the body is copied in and out and compared by content,
 * and {@link #toString()} shows only the masked URL and headers, never a secret.
 */
public record OutboundRequest(String method, URI url, String displayUrl, Map<String, String> headers, byte[] body,
                              Optional<String> okField, Optional<ThreadCapture> threadCapture) {

    /**
     * After a success, the thread id for {@code conversationId} is the top-level JSON field {@code field}
     * of the answer, or, when the request itself names it ({@code known}), that value.
     */
    public record ThreadCapture(String conversationId, String field, Optional<String> known) {

        public ThreadCapture(String conversationId, String field) {
            this(conversationId, field, Optional.empty());
        }

        /** The thread id is known before sending: an email's own Message-ID. */
        public static ThreadCapture known(String conversationId, String threadId) {
            return new ThreadCapture(conversationId, "(this request)", Optional.of(threadId));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public OutboundRequest {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutboundRequest that && method.equals(that.method) && url.equals(that.url)
                && displayUrl.equals(that.displayUrl) && headers.equals(that.headers)
                && java.util.Arrays.equals(body, that.body) && okField.equals(that.okField)
                && threadCapture.equals(that.threadCapture);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(method, url, displayUrl, headers, java.util.Arrays.hashCode(body), okField,
                threadCapture);
    }

    /** Like OkHttp's {@code Headers}: what a log may show. The URL masked, header values masked, the body's size. */
    @Override
    public String toString() {
        StringBuilder shown = new StringBuilder("OutboundRequest[").append(method).append(' ').append(displayUrl);
        headers.forEach((name, value) -> shown.append(", ").append(name).append(": ").append(Masking.header(name, value)));
        return shown.append(", ").append(body.length).append(" bytes]").toString();
    }

    public OutboundRequest(String method, URI url, String displayUrl, Map<String, String> headers, byte[] body) {
        this(method, url, displayUrl, headers, body, Optional.empty(), Optional.empty());
    }

    /** A JSON POST: the common case for every chat platform. */
    public static OutboundRequest postJson(URI url, String displayUrl, JsonNode body) {
        return new OutboundRequest("POST", url, displayUrl, Map.of("Content-Type", "application/json"), json(body));
    }

    public static byte[] json(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    public OutboundRequest withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new OutboundRequest(method, url, displayUrl, more, body, okField, threadCapture);
    }

    public OutboundRequest expectingOk(String field) {
        return new OutboundRequest(method, url, displayUrl, headers, body, Optional.of(field), threadCapture);
    }

    public OutboundRequest capturingThread(Optional<ThreadCapture> capture) {
        return new OutboundRequest(method, url, displayUrl, headers, body, okField, capture);
    }
}
