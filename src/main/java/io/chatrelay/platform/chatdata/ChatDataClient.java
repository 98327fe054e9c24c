package io.chatrelay.platform.chatdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.ChatDataApiConfig;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.HttpAnswers;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.platform.Outcome;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The calls {@code connect} and {@code disconnect} make of Chat Data's API, one at a time, each
 * read as {@link ChatDataAnswers} reads a reply's answer: a {@code "status": "error"} body is a
 * failure whatever the status. The key goes in a header and never into a message.
 */
public final class ChatDataClient implements AutoCloseable {

    /** One of the account's chatbots. */
    public record Chatbot(String id, String name) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most of a body read: a list of chatbots is far smaller. */
    private static final long MAX_BODY = 4L * 1_048_576;

    private final ChatDataApiConfig api;
    private final OkHttpClient http;

    /** {@code api} must have its key; {@code timeout} bounds each call. */
    public ChatDataClient(ChatDataApiConfig api, Duration timeout) {
        if (api.apiKey().isEmpty()) {
            throw new IllegalArgumentException("chat_data.api_key is not set");
        }
        this.api = api;
        this.http = new OkHttpClient.Builder().callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false).build();
    }

    /**
     * The account's chatbots ({@code GET /api/v2/get-chatbots}). Read as the vendor's integration reads
     * it ({@code {"chatbots": [{"chatbotId", "chatbotName"}]}}), and tolerant of a bare list and of
     * {@code id}/{@code name} fields.
     */
    public List<Chatbot> chatbots() throws ChatDataException {
        String body = call(ChatDataApi.getChatbots(api));
        JsonNode list;
        try {
            JsonNode root = JSON.readTree(body);
            list = root != null && root.isArray() ? root : root == null ? null : root.path("chatbots");
        } catch (IOException notJson) {
            list = null;
        }
        if (list == null || !list.isArray()) {
            throw new ChatDataException(200, "get-chatbots answered without a list of chatbots: "
                    + HttpAnswers.oneLine(body), false);
        }
        List<Chatbot> chatbots = new ArrayList<>();
        for (JsonNode item : list) {
            Optional<String> id = text(item, "chatbotId", "id", "_id");
            id.ifPresent(present -> chatbots.add(new Chatbot(present, text(item, "chatbotName", "name").orElse(""))));
        }
        return List.copyOf(chatbots);
    }

    /**
     * Registers {@code url} for the chatbot's {@code event}s ({@code POST /api/v2/add-webhook}). An
     * answer saying it is already registered counts as done.
     */
    public void addWebhook(URI url, String event, String chatbotId) throws ChatDataException {
        try {
            call(ChatDataApi.addWebhook(api, url, event, chatbotId));
        } catch (ChatDataException e) {
            if (e.status() == 0 || e.keyRefused() || !e.getMessage().toLowerCase(Locale.ROOT).contains("already")) {
                throw e;
            }
        }
    }

    /** Removes {@code url} from the chatbot's webhooks ({@code POST /api/v2/delete-webhook}). */
    public void deleteWebhook(URI url, String chatbotId) throws ChatDataException {
        call(ChatDataApi.deleteWebhook(api, url, chatbotId));
    }

    /** The body of a successful answer. */
    private String call(OutboundRequest outbound) throws ChatDataException {
        Request.Builder request = new Request.Builder().url(outbound.url().toString())
                .header("User-Agent", "chat-data-relay");
        outbound.headers().forEach(request::header);
        if ("GET".equals(outbound.method())) {
            request.get();
        } else {
            request.method(outbound.method(), RequestBody.create(outbound.body(), MediaType.get("application/json")));
        }
        try (Response response = http.newCall(request.build()).execute()) {
            Map<String, String> headers = new HashMap<>();
            response.headers().forEach(pair -> headers.put(pair.getFirst(), pair.getSecond()));
            String body = read(response.body().source());
            Outcome outcome = ChatDataAnswers.classify(new Answer(response.code(), headers, body), Instant.now());
            if (outcome instanceof Outcome.Retry retry) {
                throw new ChatDataException(retry.status(), retry.reason(), true);
            }
            if (outcome instanceof Outcome.Dead dead) {
                throw new ChatDataException(dead.status(), dead.reason(), false);
            }
            return body;
        } catch (IOException e) {
            throw new ChatDataException(0, "no answer from " + outbound.displayUrl() + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", true);
        }
    }

    private static String read(BufferedSource source) throws IOException {
        source.request(MAX_BODY);
        return source.getBuffer().readString(Math.min(source.getBuffer().size(), MAX_BODY), StandardCharsets.UTF_8);
    }

    private static Optional<String> text(JsonNode item, String... fields) {
        for (String field : fields) {
            JsonNode value = item.path(field);
            if (value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
                return Optional.of(value.asText());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
