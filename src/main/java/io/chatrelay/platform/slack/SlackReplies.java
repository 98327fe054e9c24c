package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.platform.EscalationState;
import io.chatrelay.platform.Masking;
import io.chatrelay.platform.OutboundRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The references the Slack platform keeps and queues, as small JSON objects ({@code posted} of a
 * delivery, {@code target} of an edit or a notice), and the requests that go to a press's
 * {@code response_url}: a secret (anyone holding it can post in the channel for 30 minutes), so
 * never shown but masked, and never logged.
 */
final class SlackReplies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SlackReplies() {}

    /**
     * Where a message is: {@code channel} and {@code ts} of a message the bot posted, or the
     * {@code response_url} of a press on it; {@code user}, for a notice, is who pressed.
     */
    record Posted(Optional<String> channel, Optional<String> ts, Optional<URI> responseUrl, Optional<String> user) {

        static Optional<Posted> read(String json) {
            try {
                JsonNode node = JSON.readTree(json == null ? "" : json);
                if (node == null || !node.isObject()) {
                    return Optional.empty();
                }
                return Optional.of(new Posted(text(node, "channel"), text(node, "ts"),
                        text(node, "response_url").flatMap(SlackReplies::uri), text(node, "user")));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        private static Optional<String> text(JsonNode node, String field) {
            return Optional.ofNullable(node.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText)
                    .filter(s -> !s.isEmpty());
        }
    }

    /** {@code {"channel","ts"}} of a message {@code chat.postMessage} posted. */
    static String posted(String channel, String ts) {
        return string(NODES.objectNode().put("channel", channel).put("ts", ts));
    }

    /** What a press queues for its notice: where to answer, and who pressed. */
    static String noticeTarget(String responseUrl, String user) {
        return string(NODES.objectNode().put("response_url", responseUrl).put("user", user));
    }

    /** What a press on a webhook's message queues to edit it. */
    static String editTarget(String responseUrl) {
        return string(NODES.objectNode().put("response_url", responseUrl));
    }

    /** Replaces the pressed message with {@code message} ({@code text} and {@code blocks}). */
    static OutboundRequest replaceOriginal(URI responseUrl, ObjectNode message) {
        ObjectNode body = NODES.objectNode().put("replace_original", true);
        body.set("text", message.get("text"));
        body.set("blocks", message.get("blocks"));
        return OutboundRequest.postJson(responseUrl, Masking.url(responseUrl), body);
    }

    /**
     * An ephemeral note to the person who pressed: "You took this chat." when the claim is theirs,
     * else who took it and when. Nothing when the target is not a press's, or nobody took it.
     */
    static Optional<OutboundRequest> notice(EscalationState state, String target, String destination) {
        Optional<Posted> press = Posted.read(target);
        if (press.isEmpty() || press.get().responseUrl().isEmpty() || state.taken().isEmpty()) {
            return Optional.empty();
        }
        EscalationState.Taken taken = state.taken().get();
        String text = press.get().user().filter(taken.byId()::equals).isPresent() ? "You took this chat."
                : SlackEscalation.name(taken, destination) + " took this chat at " + EscalationState.clock(taken.at());
        ObjectNode body = NODES.objectNode().put("response_type", "ephemeral").put("replace_original", false)
                .put("text", text);
        URI url = press.get().responseUrl().get();
        return Optional.of(OutboundRequest.postJson(url, Masking.url(url), body));
    }

    /** An absolute http(s) URL, or empty. */
    static Optional<URI> uri(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String string(JsonNode node) {
        return new String(OutboundRequest.json(node), StandardCharsets.UTF_8);
    }
}
