package io.chatrelay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The Bot API's {@code setWebhook} and {@code deleteWebhook} for one bot, over real HTTP, refusing
 * what Telegram refuses: another token (401), a body that is not JSON, a URL that is not https, a
 * {@code secret_token} outside its rule. Keeps the bot's webhook as Telegram does (one, replaced).
 */
final class TelegramBotStandIn implements AutoCloseable {

    /** The bot's webhook as set. */
    record Webhook(String url, String secretToken, List<String> allowedUpdates) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private final MockWebServer server = new MockWebServer();
    private final String token;
    private volatile Webhook webhook;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    TelegramBotStandIn(String token) {
        this.token = token;
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

    String baseUrl() {
        return server.url("/").toString();
    }

    Optional<Webhook> webhook() {
        return Optional.ofNullable(webhook);
    }

    /** The methods called, in order. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String prefix = "/bot" + token + "/";
        if (!path.startsWith(prefix)) {
            return json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
        }
        String method = path.substring(prefix.length());
        calls.add(method);
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
        } catch (IOException e) {
            return refuse("can't parse JSON");
        }
        if (body == null || !body.isObject()) {
            return refuse("can't parse JSON");
        }
        return switch (method) {
            case "setWebhook" -> setWebhook(body);
            case "deleteWebhook" -> {
                webhook = null;
                yield json(200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was deleted\"}");
            }
            default -> json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
        };
    }

    private MockResponse setWebhook(JsonNode body) {
        String url = body.path("url").asText("");
        String secret = body.path("secret_token").asText("");
        if (!url.startsWith("https://")) {
            return refuse("bad webhook: An HTTPS URL must be provided for webhook");
        }
        if (!SECRET.matcher(secret).matches()) {
            return refuse("bad webhook: secret token contains unallowed characters");
        }
        List<String> updates = new java.util.ArrayList<>();
        body.path("allowed_updates").forEach(update -> updates.add(update.asText()));
        webhook = new Webhook(url, secret, List.copyOf(updates));
        return json(200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}");
    }

    private static MockResponse refuse(String description) {
        return json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: " + description + "\"}");
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body)
                .build();
    }

    @Override
    public void close() {
        server.close();
    }
}
