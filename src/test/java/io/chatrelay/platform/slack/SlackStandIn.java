package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Slack as the relay meets it, over real HTTP, enforcing the documented shapes: the Web API
 * ({@code /api/chat.postMessage}, {@code /api/chat.update}, {@code /api/users.info},
 * {@code /api/reactions.add}, {@code /api/chat.postEphemeral}) only with the
 * bot token and its fields, an incoming webhook ({@code /webhook}), and press answer URLs
 * ({@code /response/{n}}) that take only {@code replace_original} or ephemeral bodies. Every
 * message is checked against Block Kit's rules; what breaks them is refused as Slack would, and
 * everything accepted is kept, in order, for the test to read.
 */
final class SlackStandIn implements AutoCloseable {

    static final String TOKEN = "xoxb-stand-in-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One accepted request: which endpoint ({@code postMessage}, {@code update}, {@code webhook},
     * {@code response}, {@code reaction}, {@code ephemeral}) and its JSON.
     */
    record Call(String endpoint, JsonNode body) {}

    private final MockWebServer server = new MockWebServer();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, String> realNames = new ConcurrentHashMap<>();
    private final Set<String> posted = ConcurrentHashMap.newKeySet();
    private final Set<String> reactions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger userLookups = new AtomicInteger();
    private final AtomicInteger responses = new AtomicInteger();
    private final Set<String> mentionable = ConcurrentHashMap.newKeySet();

    SlackStandIn() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start(0);
    }

    /** {@code users.info} answers this display name for {@code userId}; unknown users are {@code user_not_found}. */
    SlackStandIn user(String userId, String displayName) {
        return user(userId, displayName, "Real " + displayName);
    }

    /** A user whose profile has this display name (possibly blank, as many are) and real name. */
    SlackStandIn user(String userId, String displayName, String realName) {
        names.put(userId, displayName);
        realNames.put(userId, realName);
        return this;
    }

    /** Messages may mention this user: the relay's own mention of a taker Slack gave no name for. */
    SlackStandIn mentioning(String userId) {
        mentionable.add(userId);
        return this;
    }

    String apiBase() {
        return server.url("/api").toString();
    }

    String webhookUrl() {
        return server.url("/webhook").toString();
    }

    /** A fresh {@code response_url}, as Slack gives each press one. */
    String responseUrl() {
        return server.url("/response/" + responses.incrementAndGet() + "-RESPONSE-SECRET").toString();
    }

    List<Call> calls(String endpoint) {
        return calls.stream().filter(c -> c.endpoint().equals(endpoint)).toList();
    }

    List<String> refused() {
        return List.copyOf(refused);
    }

    int userLookups() {
        return userLookups.get();
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        try {
            if (path.equals("/api/users.info")) {
                return usersInfo(request);
            }
            if (path.startsWith("/api/")) {
                return webApi(request, path.substring("/api/".length()), body);
            }
            if (path.equals("/webhook")) {
                return message("webhook", JSON.readTree(body), "invalid_blocks", true);
            }
            if (path.startsWith("/response/")) {
                return response(JSON.readTree(body));
            }
        } catch (IOException notJson) {
            return refuse(400, "invalid_payload", "a body that is not JSON at " + path);
        }
        return refuse(404, "no_service", "nothing at " + path);
    }

    private MockResponse webApi(RecordedRequest request, String method, String body) throws IOException {
        if (!("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"))) {
            return ok(false, "not_authed", method + " without the bot token");
        }
        if (!String.valueOf(request.getHeaders().get("Content-Type")).startsWith("application/json")) {
            return ok(false, "invalid_arg_name", method + " without a JSON body");
        }
        JsonNode json = JSON.readTree(body);
        if (json == null || !json.path("channel").isTextual()) {
            return ok(false, "channel_not_found", method + " without channel");
        }
        return switch (method) {
            case "chat.postMessage" -> {
                MockResponse answer = message("postMessage", json, "invalid_blocks", false);
                yield answer;
            }
            case "chat.update" -> {
                if (!posted.contains(json.path("channel").asText() + "/" + json.path("ts").asText())) {
                    yield ok(false, "message_not_found", "chat.update of a message never posted");
                }
                Set<String> allowed = Set.of("channel", "ts", "text", "blocks");
                List<String> extra = new ArrayList<>();
                json.fieldNames().forEachRemaining(f -> {
                    if (!allowed.contains(f)) {
                        extra.add(f);
                    }
                });
                yield extra.isEmpty() ? message("update", json, "invalid_blocks", false)
                        : ok(false, "invalid_arguments", "chat.update with " + extra);
            }
            case "reactions.add" -> reaction(json);
            case "chat.postEphemeral" -> {
                if (!json.path("user").isTextual() || !json.path("text").isTextual()
                        || json.path("text").asText().isEmpty()) {
                    yield ok(false, "invalid_arguments", "chat.postEphemeral without user or text");
                }
                calls.add(new Call("ephemeral", json));
                yield json("{\"ok\":true,\"message_ts\":\"1700000000.900\"}");
            }
            default -> ok(false, "unknown_method", method);
        };
    }

    /** {@code reactions.add}: a name without colons on a message; the same reaction twice is {@code already_reacted}. */
    private MockResponse reaction(JsonNode json) {
        String name = json.path("name").asText("");
        String timestamp = json.path("timestamp").asText("");
        if (name.isEmpty() || name.contains(":") || timestamp.isEmpty() || json.size() != 3) {
            return ok(false, "invalid_arguments", "reactions.add of another shape: " + json);
        }
        if (!reactions.add(json.path("channel").asText() + "/" + timestamp + "/" + name)) {
            return json("{\"ok\":false,\"error\":\"already_reacted\"}");
        }
        calls.add(new Call("reaction", json));
        return json("{\"ok\":true}");
    }

    private MockResponse usersInfo(RecordedRequest request) {
        userLookups.incrementAndGet();
        if (!("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"))) {
            return ok(false, "not_authed", "users.info without the bot token");
        }
        String user = request.getUrl().queryParameter("user");
        String name = user == null ? null : names.get(user);
        if (name == null) {
            return json("{\"ok\":false,\"error\":\"user_not_found\"}");
        }
        String real = realNames.get(user);
        return json("{\"ok\":true,\"user\":{\"id\":\"" + user + "\",\"name\":\"handle\",\"real_name\":\"" + real
                + "\",\"is_bot\":false,\"profile\":{\"display_name\":\"" + name + "\",\"real_name\":\"" + real
                + "\",\"image_72\":\"https://example.com/a.png\"}}}");
    }

    /** A response_url takes an edit of the original or an ephemeral note, nothing else. */
    private MockResponse response(JsonNode json) {
        boolean replace = json.path("replace_original").asBoolean(false);
        if (replace && json.has("blocks") && json.path("text").isTextual() && !json.has("response_type")) {
            return message("response", json, "invalid_blocks", true);
        }
        if (!replace && json.has("replace_original") && "ephemeral".equals(json.path("response_type").asText())
                && json.path("text").isTextual() && !json.path("text").asText().isEmpty()) {
            calls.add(new Call("response", json));
            return plain(200, "ok");
        }
        return refuse(400, "invalid_payload", "a response_url body of neither documented shape: " + json);
    }

    private MockResponse message(String endpoint, JsonNode json, String error, boolean plainOk) {
        List<String> problems = SlackRules.violations(json, mentionable);
        if (!problems.isEmpty()) {
            return plainOk ? refuse(400, error, problems.toString()) : ok(false, error, problems.toString());
        }
        calls.add(new Call(endpoint, json));
        if (plainOk) {
            return plain(200, "ok");
        }
        String channel = json.path("channel").asText();
        String ts = endpoint.equals("update") ? json.path("ts").asText() : "1700000000." + (100 + calls.size());
        posted.add(channel + "/" + ts);
        return json("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\",\"message\":{}}");
    }

    private MockResponse ok(boolean ok, String error, String why) {
        refused.add(why);
        return json("{\"ok\":" + ok + ",\"error\":\"" + error + "\"}");
    }

    private MockResponse refuse(int status, String error, String why) {
        refused.add(why);
        return plain(status, error);
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse plain(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "text/plain").body(body).build();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
