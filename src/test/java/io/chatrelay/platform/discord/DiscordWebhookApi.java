package io.chatrelay.platform.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A stand-in for one Discord webhook that keeps its documented rules (shared/platforms.md):
 * execute ({@code POST /api/webhooks/{id}/{token}}) answers 204, or with {@code wait=true} the
 * message object; {@code thread_id} posts into a thread, {@code thread_name} opens a forum post
 * (whose id is the answer's {@code channel_id}); {@code PATCH .../messages/{message_id}} edits a
 * message the webhook posted, naming its thread if it is in one, with only the fields an edit
 * takes. Every body keeps {@link DiscordRules}. A breach is answered as Discord would (400, or
 * 404 Unknown Message) and recorded in {@link #violations()}.
 */
final class DiscordWebhookApi extends Dispatcher implements AutoCloseable {

    /** One request the stand-in accepted: {@code messageId} posted or edited, {@code thread} it is in (or null). */
    record Call(String method, HttpUrl url, JsonNode body, String messageId, String thread) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "700000000000000001";
    private static final Set<String> EDIT_FIELDS = Set.of("content", "embeds", "allowed_mentions", "components",
            "attachments", "flags", "poll", "payload_json");

    private final String path;
    private final MockWebServer server = new MockWebServer();
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    /** Each message's thread ("" when it is in the channel itself). */
    private final Map<String, String> threads = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(900_000_000_000_000_000L);

    DiscordWebhookApi(String id, String token) {
        this.path = "/api/webhooks/" + id + "/" + token;
        server.setDispatcher(this);
        try {
            server.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webhook URL to configure. */
    String webhookUrl() {
        return server.url(path).toString();
    }

    Call next() {
        try {
            Call call = calls.poll(10, TimeUnit.SECONDS);
            if (call == null) {
                throw new AssertionError("no request to the Discord webhook within 10 s");
            }
            return call;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<String> violations() {
        return violations;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        HttpUrl url = request.getUrl();
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
        } catch (IOException e) {
            return refuse(400, 50109, "The request body contains invalid JSON.", "a body that is not JSON");
        }
        if (body == null || !body.isObject()) {
            return refuse(400, 50109, "The request body contains invalid JSON.", "a body that is not a JSON object");
        }
        List<String> problems = DiscordRules.violations(body);
        if (!problems.isEmpty()) {
            return refuse(400, 50035, "Invalid Form Body", String.join("; ", problems));
        }
        String thread = url.queryParameter("thread_id");
        if (request.getMethod().equals("POST") && url.encodedPath().equals(path)) {
            return execute(url, body, thread);
        }
        if (request.getMethod().equals("PATCH") && url.encodedPath().startsWith(path + "/messages/")) {
            return edit(url, body, url.encodedPath().substring((path + "/messages/").length()), thread);
        }
        return refuse(405, 0, "405: Method Not Allowed", request.getMethod() + " " + url.encodedPath());
    }

    private MockResponse execute(HttpUrl url, JsonNode body, String thread) {
        if (thread != null && body.has("thread_name")) {
            return refuse(400, 220001, "thread_name and thread_id cannot both be set", "thread_name with thread_id");
        }
        String id = String.valueOf(ids.incrementAndGet());
        String in = body.has("thread_name") ? String.valueOf(ids.incrementAndGet()) : thread == null ? "" : thread;
        threads.put(id, in);
        calls.add(new Call("POST", url, body, id, in.isEmpty() ? null : in));
        if (!"true".equals(url.queryParameter("wait"))) {
            return new MockResponse.Builder().code(204).build();
        }
        return message(id, in, body);
    }

    private MockResponse edit(HttpUrl url, JsonNode body, String id, String thread) {
        String in = threads.get(id);
        if (in == null || !in.equals(thread == null ? "" : thread)) {
            return refuse(404, 10008, "Unknown Message", "PATCH of message " + id + (thread == null ? ""
                    : " in thread " + thread) + (in == null ? ": never posted" : ": it is in thread '" + in + "'"));
        }
        for (String field : (Iterable<String>) body::fieldNames) {
            if (!EDIT_FIELDS.contains(field)) {
                return refuse(400, 50035, "Invalid Form Body", "an edit cannot set " + field);
            }
        }
        calls.add(new Call("PATCH", url, body, id, in.isEmpty() ? null : in));
        return message(id, in, body);
    }

    /** The message object, its id after the embeds as Discord sends it. */
    private static MockResponse message(String id, String thread, JsonNode body) {
        ObjectNode message = JSON.createObjectNode().put("type", 0).put("content", body.path("content").asText(""));
        message.putArray("mentions");
        message.set("embeds", body.path("embeds").isArray() ? body.path("embeds") : JSON.createArrayNode());
        message.put("timestamp", "2026-11-24T12:00:00.000000+00:00").put("flags", 0);
        message.put("id", id).put("channel_id", thread.isEmpty() ? CHANNEL : thread);
        message.putObject("author").put("id", "1").put("username", "Chat Data").put("bot", true);
        message.put("webhook_id", "1");
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(message.toString()).build();
    }

    private MockResponse refuse(int status, int code, String message, String violation) {
        violations.add(violation);
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .body(JSON.createObjectNode().put("message", message).put("code", code).toString()).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
