package io.chatrelay.platform.chatdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Chat Data's API over real HTTP, enforcing the shapes its own integration sends: a Bearer key
 * (401 otherwise), JSON bodies, a {@code live-chat} message that is not blank, {@code role} human or
 * assistant, {@code name} and {@code avatar} only with human, at most 3 {@code files}. Refusals come
 * as Chat Data sends them, {@code {"status": "error", "message"}}. It records the messages it
 * accepted, keeps registered webhooks in memory, and can be told to fail.
 */
public final class ChatDataStandIn implements AutoCloseable {

    /** A registered endpoint: Chat Data posts the chatbot's {@code event}s to {@code url}. */
    public record Webhook(String chatbotId, String url, String event) {}

    /** One call as it arrived: method, path, and the body (empty for a GET). */
    public record Call(String method, String path, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final String apiKey;
    private final Map<String, String> chatbots = new LinkedHashMap<>();
    private final Set<Webhook> webhooks = new LinkedHashSet<>();
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<MockResponse> failures = new ArrayList<>();

    private ChatDataStandIn(String apiKey) {
        this.apiKey = apiKey;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        try {
            server.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stand-in that accepts {@code apiKey}, with one chatbot, {@code bot-1}. */
    public static ChatDataStandIn start(String apiKey) {
        return new ChatDataStandIn(apiKey).withChatbot("bot-1", "Support bot");
    }

    public ChatDataStandIn withChatbot(String id, String name) {
        synchronized (this) {
            chatbots.put(id, name);
        }
        return this;
    }

    /** What to give {@code chat_data.api_base_url}. */
    public URI baseUrl() {
        return server.url("/").uri();
    }

    /** The next {@code times} calls answer {@code status} with a {@code "status": "error"} body. */
    public synchronized ChatDataStandIn failNext(int times, int status) {
        for (int i = 0; i < times; i++) {
            failures.add(error(status, "Internal server error"));
        }
        return this;
    }

    /** The next call answers 200 with {@code {"status": "error", "message": message}}. */
    public synchronized ChatDataStandIn answerErrorNext(String message) {
        failures.add(error(200, message));
        return this;
    }

    /** The next call answers 429 with this {@code Retry-After}. */
    public synchronized ChatDataStandIn rateLimitNext(String retryAfter) {
        failures.add(new MockResponse.Builder().code(429).setHeader("Retry-After", retryAfter)
                .setHeader("Content-Type", "application/json")
                .body("{\"status\":\"error\",\"message\":\"Too many requests\"}").build());
        return this;
    }

    /** The {@code live-chat} bodies accepted, in order. */
    public List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    /** Every call that reached it, refused ones included. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The registered webhooks. */
    public synchronized Set<Webhook> webhooks() {
        return Set.copyOf(webhooks);
    }

    /** Registers a webhook as if done elsewhere (in Chat Data's dashboard, or an earlier run). */
    public synchronized ChatDataStandIn withWebhook(String chatbotId, String url, String event) {
        webhooks.add(new Webhook(chatbotId, url, event));
        return this;
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        calls.add(new Call(request.getMethod(), path, body));
        if (!("Bearer " + apiKey).equals(request.getHeaders().get("Authorization"))) {
            return error(401, "Invalid API key");
        }
        synchronized (this) {
            if (!failures.isEmpty()) {
                return failures.remove(0);
            }
        }
        try {
            return switch (request.getMethod() + " " + path) {
                case "GET /api/v2/get-chatbots" -> chatbots();
                case "POST /api/v2/live-chat" -> liveChat(json(request, body));
                case "POST /api/v2/add-webhook" -> addWebhook(json(request, body));
                case "POST /api/v2/delete-webhook" -> deleteWebhook(json(request, body));
                default -> error(404, "Not found: " + request.getMethod() + " " + path);
            };
        } catch (Refusal refusal) {
            return refusal.answer;
        }
    }

    private synchronized MockResponse chatbots() {
        ArrayNode list = JSON.createArrayNode();
        chatbots.forEach((id, name) -> list.addObject().put("chatbotId", id).put("chatbotName", name));
        ObjectNode body = JSON.createObjectNode();
        body.set("chatbots", list);
        return ok(body);
    }

    private MockResponse liveChat(JsonNode body) throws Refusal {
        knownChatbot(body);
        requireText(body, "conversationId");
        String message = requireText(body, "message");
        if (message.trim().isEmpty()) {
            throw refuse("message must not be empty");
        }
        String role = requireText(body, "role");
        if (!role.equals("human") && !role.equals("assistant")) {
            throw refuse("role must be human or assistant");
        }
        for (String humanOnly : List.of("name", "avatar")) {
            if (body.has(humanOnly) && !role.equals("human")) {
                throw refuse(humanOnly + " is only allowed with role human");
            }
            if (body.has(humanOnly) && !body.get(humanOnly).isTextual()) {
                throw refuse(humanOnly + " must be a string");
            }
        }
        if (body.has("files") && (!body.get("files").isArray() || body.get("files").size() > 3)) {
            throw refuse("files must be a list of at most 3");
        }
        messages.add(body);
        return ok(JSON.createObjectNode().put("status", "success"));
    }

    private synchronized MockResponse addWebhook(JsonNode body) throws Refusal {
        String chatbotId = knownChatbot(body);
        String url = requireText(body, "url");
        String event = requireText(body, "event");
        if (!List.of("chat", "live-chat-escalation", "lead-submission").contains(event)) {
            throw refuse("Unknown event " + event);
        }
        webhooks.add(new Webhook(chatbotId, url, event)); // a second add of the same changes nothing
        return ok(JSON.createObjectNode().put("status", "success"));
    }

    private synchronized MockResponse deleteWebhook(JsonNode body) throws Refusal {
        String chatbotId = knownChatbot(body);
        String url = requireText(body, "url");
        webhooks.removeIf(hook -> hook.chatbotId().equals(chatbotId) && hook.url().equals(url));
        return ok(JSON.createObjectNode().put("status", "success"));
    }

    private synchronized String knownChatbot(JsonNode body) throws Refusal {
        String id = requireText(body, "chatbotId");
        if (!chatbots.containsKey(id)) {
            throw new Refusal(error(200, "Chatbot not found"));
        }
        return id;
    }

    private static JsonNode json(RecordedRequest request, String body) throws Refusal {
        String type = Optional.ofNullable(request.getHeaders().get("Content-Type")).orElse("");
        if (!type.startsWith("application/json")) {
            throw refuse("Content-Type must be application/json, got '" + type + "'");
        }
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw refuse("the body must be a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw refuse("the body is not JSON");
        }
    }

    private static String requireText(JsonNode body, String field) throws Refusal {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw refuse(field + " is required");
        }
        return value.asText();
    }

    private static Refusal refuse(String message) {
        return new Refusal(error(400, message));
    }

    private static MockResponse ok(JsonNode body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(body.toString()).build();
    }

    private static MockResponse error(int status, String message) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .body(JSON.createObjectNode().put("status", "error").put("message", message).toString()).build();
    }

    /** A request the stand-in refuses, and its answer. */
    private static final class Refusal extends Exception {
        final transient MockResponse answer;

        Refusal(MockResponse answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
