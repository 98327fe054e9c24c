package io.chatrelay.platform.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * A stand-in for the Bot API of one bot and one chat that keeps Telegram's documented rules
 * (shared/platforms.md), in the chats it is in: {@code sendMessage}, {@code editMessageText} of a message it posted and
 * {@code answerCallbackQuery} of a press it made, each with only its own fields; HTML text of
 * 1..4096 characters ({@link TelegramRules}); inline keyboards of rows of buttons with a text and
 * either a {@code callback_data} of 1..64 bytes or an http(s) {@code url}; callback answers of at
 * most 200 characters, once per press; {@code setMessageReaction} of at most one allowed emoji on a
 * message of its chats (REACTION_INVALID otherwise); a {@code reply_parameters} of a message id. A breach is answered 400 as Telegram would and recorded in
 * {@link #violations()}; an edit that changes nothing is the documented 400 "message is not modified".
 */
final class TelegramBotApi extends Dispatcher implements AutoCloseable {

    /** One call the stand-in accepted; {@code messageId}: the message it posted or edited, else 0. */
    record Call(String method, JsonNode body, long messageId) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "sendMessage", Set.of("chat_id", "message_thread_id", "text", "parse_mode", "entities",
                    "link_preview_options", "disable_notification", "protect_content", "reply_parameters",
                    "reply_markup"),
            "editMessageText", Set.of("chat_id", "message_id", "inline_message_id", "text", "parse_mode", "entities",
                    "link_preview_options", "reply_markup"),
            "answerCallbackQuery", Set.of("callback_query_id", "text", "show_alert", "url", "cache_time"),
            "setMessageReaction", Set.of("chat_id", "message_id", "reaction", "is_big"));
    /** Some of Telegram's allowed reaction emoji (ReactionTypeEmoji); ✅ and ⚠️ are not among them. */
    private static final Set<String> REACTIONS = Set.of("👍", "👎", "❤", "🔥", "👏", "🙏", "👌", "💔", "🤝", "👀", "😢");

    private final String token;
    private final Set<String> chats;
    private final MockWebServer server = new MockWebServer();
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<Long, JsonNode> messages = new ConcurrentHashMap<>();
    private final Map<String, Boolean> queries = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(100);

    /** The bot {@code token}, in the chats {@code chatIds}. */
    TelegramBotApi(String token, long... chatIds) {
        this.token = token;
        this.chats = java.util.Arrays.stream(chatIds).mapToObj(String::valueOf).collect(java.util.stream.Collectors.toSet());
        server.setDispatcher(this);
        try {
            server.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code api_base_url} to configure. */
    String baseUrl() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    /** A press of a button of a message: its {@code callback_query.id}, which the stand-in expects answered once. */
    String press() {
        String id = "cbq-" + ids.incrementAndGet();
        queries.put(id, false);
        return id;
    }

    /** The next accepted call, which must be of {@code method}, within 10 s. */
    Call next(String method) {
        try {
            Call call = calls.poll(10, TimeUnit.SECONDS);
            if (call == null) {
                throw new AssertionError("no " + method + " within 10 s");
            }
            if (!call.method().equals(method)) {
                throw new AssertionError("expected " + method + " but got " + call.method() + " " + call.body());
            }
            return call;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next calls, one of each method, in whatever order they come (the relay sends them independently). */
    Map<String, Call> nextEach(String... methods) {
        Map<String, Call> got = new java.util.HashMap<>();
        for (int i = 0; i < methods.length; i++) {
            Call call;
            try {
                call = calls.poll(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (call == null || got.put(call.method(), call) != null || !List.of(methods).contains(call.method())) {
                throw new AssertionError("expected one each of " + List.of(methods) + " but got " + got.keySet()
                        + " then " + call);
            }
        }
        return got;
    }

    /** Calls accepted and not taken by {@link #next}. */
    List<Call> unread() {
        List<Call> left = new ArrayList<>();
        calls.drainTo(left);
        return left;
    }

    /** How the message looks now: its text and keyboard as last sent or edited. */
    JsonNode message(long id) {
        return messages.get(id);
    }

    List<String> violations() {
        return violations;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String prefix = "/bot" + token + "/";
        if (!path.startsWith(prefix)) {
            return refuse(401, "Unauthorized", "a request to " + path + " without the bot's token");
        }
        String method = path.substring(prefix.length());
        if (!"POST".equals(request.getMethod()) || !String.valueOf(request.getHeaders().get("Content-Type"))
                .startsWith("application/json")) {
            return refuse(400, "Bad Request", method + " must be a POST of JSON");
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody().utf8());
        } catch (IOException e) {
            return refuse(400, "Bad Request: can't parse JSON", method + " with a body that is not JSON");
        }
        Set<String> allowed = FIELDS.get(method);
        if (allowed == null) {
            return refuse(404, "Not Found", "unknown method " + method);
        }
        for (String field : (Iterable<String>) body::fieldNames) {
            if (!allowed.contains(field)) {
                return refuse(400, "Bad Request", method + " has no field " + field);
            }
        }
        return switch (method) {
            case "sendMessage" -> send(body);
            case "editMessageText" -> edit(body);
            case "setMessageReaction" -> react(body);
            default -> answer(body);
        };
    }

    private MockResponse send(JsonNode body) {
        if (!chats.contains(body.path("chat_id").asText())) {
            return refuse(400, "Bad Request: chat not found", "sendMessage to chat " + body.path("chat_id"));
        }
        String problem = shape(body);
        JsonNode reply = body.path("reply_parameters");
        if (problem == null && body.has("reply_parameters") && (!reply.path("message_id").isIntegralNumber()
                || !Set.of("message_id", "allow_sending_without_reply").containsAll(fields(reply)))) {
            problem = "reply_parameters must be a message_id (and allow_sending_without_reply)";
        }
        if (problem != null) {
            return refuse(400, "Bad Request: " + problem, "sendMessage: " + problem);
        }
        long id = ids.incrementAndGet();
        messages.put(id, body);
        calls.add(new Call("sendMessage", body, id));
        return ok("{\"message_id\":" + id + ",\"from\":{\"id\":1,\"is_bot\":true,\"first_name\":\"Relay\"},"
                + "\"chat\":{\"id\":" + body.path("chat_id").asText() + ",\"type\":\"supergroup\",\"title\":\"Support\"},\"date\":1700000000,"
                + "\"text\":" + JSON.valueToTree(body.path("text").asText()) + "}");
    }

    private MockResponse edit(JsonNode body) {
        JsonNode before = messages.get(body.path("message_id").asLong(-1));
        if (before == null || !before.path("chat_id").asText().equals(body.path("chat_id").asText())
                || !body.path("message_id").isIntegralNumber()) {
            return refuse(400, "Bad Request: message to edit not found", "editMessageText of chat "
                    + body.path("chat_id") + " message " + body.path("message_id"));
        }
        String problem = shape(body);
        if (problem != null) {
            return refuse(400, "Bad Request: " + problem, "editMessageText: " + problem);
        }
        if (before.path("text").equals(body.path("text")) && before.path("reply_markup").equals(body.path("reply_markup"))) {
            return error(400, "Bad Request: message is not modified: specified new message content and reply markup "
                    + "are exactly the same as a current content and reply markup of the message");
        }
        messages.put(body.path("message_id").asLong(), body);
        calls.add(new Call("editMessageText", body, body.path("message_id").asLong()));
        return ok("{\"message_id\":" + body.path("message_id").asLong() + ",\"chat\":{\"id\":"
                + body.path("chat_id").asText() + "}}");
    }

    private MockResponse react(JsonNode body) {
        if (!chats.contains(body.path("chat_id").asText()) || !body.path("message_id").isIntegralNumber()) {
            return refuse(400, "Bad Request: message to react not found", "setMessageReaction of chat "
                    + body.path("chat_id") + " message " + body.path("message_id"));
        }
        JsonNode reaction = body.path("reaction");
        if (!reaction.isArray() || reaction.size() > 1 || reaction.size() == 1
                && (!"emoji".equals(reaction.get(0).path("type").asText())
                || !REACTIONS.contains(reaction.get(0).path("emoji").asText()))) {
            return refuse(400, "Bad Request: REACTION_INVALID", "setMessageReaction with " + reaction);
        }
        calls.add(new Call("setMessageReaction", body, body.path("message_id").asLong()));
        return ok("true");
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private MockResponse answer(JsonNode body) {
        String id = body.path("callback_query_id").asText("");
        if (!Boolean.FALSE.equals(queries.get(id))) {
            return refuse(400, "Bad Request: query is too old and response timeout expired or query ID is invalid",
                    "answerCallbackQuery of " + (queries.containsKey(id) ? "a press answered before" : "no press"));
        }
        if (body.path("text").asText("").length() > 200) {
            return refuse(400, "Bad Request: MESSAGE_TOO_LONG", "answerCallbackQuery text over 200 characters");
        }
        queries.put(id, true);
        calls.add(new Call("answerCallbackQuery", body, 0));
        return ok("true");
    }

    /** What is wrong with a message's text, parse mode or keyboard, or null. */
    private static String shape(JsonNode body) {
        List<String> problems = TelegramRules.violations(body);
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private MockResponse refuse(int status, String description, String violation) {
        violations.add(violation);
        return error(status, description);
    }

    private static MockResponse error(int status, String description) {
        ObjectNode error = JSON.createObjectNode().put("ok", false).put("error_code", status)
                .put("description", description);
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .body(error.toString()).build();
    }

    private static MockResponse ok(String result) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"ok\":true,\"result\":" + result + "}").build();
    }

    /** Waits at most {@code within} for one more call; null when none came. */
    Call poll(Duration within) throws InterruptedException {
        return calls.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.close();
    }
}
