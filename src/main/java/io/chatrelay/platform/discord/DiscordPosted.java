package io.chatrelay.platform.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.JsonPeek;
import io.chatrelay.platform.OutboundRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * A message a webhook posted, as kept to edit it: {@code {"id", "channel_id"}} from the
 * {@code wait=true} answer, and {@code thread_id} when it went into a thread or forum post (its
 * edit must name the thread too).
 */
record DiscordPosted(String id, String channelId, Optional<String> threadId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The message {@code request} posted, from its answer: in the thread the request named
     * ({@code thread_id=}), or in the forum post it opened ({@code thread_name}: the answer's
     * {@code channel_id} is the new post's).
     */
    static Optional<DiscordPosted> of(OutboundRequest request, Answer answer) {
        Optional<String> id = JsonPeek.field(answer.body(), "id");
        Optional<String> channel = JsonPeek.field(answer.body(), "channel_id");
        if (id.isEmpty() || channel.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> thread = threadOf(request.url());
        if (thread.isEmpty() && parse(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8))
                .hasNonNull("thread_name")) {
            thread = channel;
        }
        return Optional.of(new DiscordPosted(id.get(), channel.get(), thread));
    }

    static Optional<DiscordPosted> read(String reference) {
        JsonNode node = parse(reference);
        String id = node.path("id").asText("");
        if (!id.matches("\\d{1,25}")) {
            return Optional.empty();
        }
        String thread = node.path("thread_id").asText("");
        return Optional.of(new DiscordPosted(id, node.path("channel_id").asText(""),
                thread.isEmpty() ? Optional.empty() : Optional.of(thread)));
    }

    String json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("id", id).put("channel_id", channelId);
        threadId.ifPresent(thread -> node.put("thread_id", thread));
        return node.toString();
    }

    /** {@code {webhook}/messages/{id}}, with {@code ?thread_id=} for a message in a thread. */
    URI editUrl(URI webhook) {
        String base = webhook.toString();
        int query = base.indexOf('?');
        base = (query < 0 ? base : base.substring(0, query)).replaceAll("/+$", "");
        return URI.create(base + "/messages/" + id + threadId.map(thread -> "?thread_id=" + thread).orElse(""));
    }

    private static Optional<String> threadOf(URI url) {
        String query = url.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("thread_id=") && pair.length() > "thread_id=".length()) {
                return Optional.of(pair.substring("thread_id=".length()));
            }
        }
        return Optional.empty();
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        } catch (IOException notJson) {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
