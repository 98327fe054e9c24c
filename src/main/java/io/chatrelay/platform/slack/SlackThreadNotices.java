package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.config.ReplyRules;
import io.chatrelay.platform.NoticeTargets;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Text;
import io.chatrelay.store.Claims;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What an agent sees in the thread they answer from, as notices the outbox sends with the bot
 * token: a reaction on their message once Chat Data took the reply ({@code white_check_mark}) or
 * when it is dead ({@code warning}), a line in the thread with Chat Data's reason, and after a claim
 * the line saying how replies work. Targets: {@code {"ack", "reaction"}} and {@code {"ack", "say"}}
 * as the outbox queues them for a reply ({@code ack} is {@code {"channel","ts","thread_ts"}} of the
 * agent's message), {@code {"line"}} as a claim queues it (posted in the conversation's thread).
 */
final class SlackThreadNotices {

    static final String DELIVERED = "white_check_mark";
    static final String FAILED = "warning";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Optional<String> token;
    private final Optional<String> channel;
    private final URI postMessageUrl;
    private final URI reactionsUrl;

    SlackThreadNotices(SlackConfig destination) {
        this.token = destination.token().map(t -> t.reveal());
        this.channel = destination.channel();
        this.postMessageUrl = SlackPlatform.method(destination.apiBaseUrl(), "chat.postMessage");
        this.reactionsUrl = SlackPlatform.method(destination.apiBaseUrl(), "reactions.add");
    }

    /** {@code {"channel","ts","thread_ts"}}: where the agent's message is, for the notices about it. */
    static String ack(String channel, String ts, String threadTs) {
        return NODES.objectNode().put("channel", channel).put("ts", ts).put("thread_ts", threadTs).toString();
    }

    /** What a claim through {@code slack} queues: the line saying how replies work, when it hears them. */
    static List<Claims.Queued> whenTaken(SlackConfig slack, boolean apiKey) {
        return slack.replyMode(apiKey) == ReplyRules.Mode.OFF ? List.of()
                : List.of(new Claims.Queued(slack.name(), lineTarget(slack.replies().internalPrefix())));
    }

    /** The line's target: its text, posted in the conversation's thread. */
    static String lineTarget(String internalPrefix) {
        return NODES.objectNode().put("line", line(internalPrefix)).toString();
    }

    /** "Replies here go to the visitor. Start with // to keep a note internal." */
    static String line(String internalPrefix) {
        return NoticeTargets.line("Replies here go to the visitor.", internalPrefix);
    }

    /** The target as one of these notices; empty for any other (a press's answer). */
    static Optional<JsonNode> read(String target) {
        return NoticeTargets.read(target);
    }

    /**
     * The request for {@code notice}; empty when it cannot be sent: no token, or no thread to post in
     * ({@code thread} is the conversation's thread, for the line after a claim).
     */
    Optional<OutboundRequest> render(JsonNode notice, Optional<String> thread) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        JsonNode ack = notice.path("ack");
        if (notice.has("reaction")) {
            String name = "delivered".equals(notice.path("reaction").asText()) ? DELIVERED : FAILED;
            return text(ack, "channel").flatMap(at -> text(ack, "ts").map(ts -> call(reactionsUrl,
                    NODES.objectNode().put("channel", at).put("timestamp", ts).put("name", name))));
        }
        if (notice.has("say")) {
            return text(ack, "channel").flatMap(at -> text(ack, "thread_ts").map(parent ->
                    post(at, parent, notice.path("say").asText(""))));
        }
        return channel.flatMap(at -> thread.map(parent -> post(at, parent, notice.path("line").asText(""))));
    }

    private OutboundRequest post(String channel, String threadTs, String words) {
        ObjectNode message = NODES.objectNode().put("channel", channel).put("thread_ts", threadTs)
                .put("text", Text.truncate(SlackText.escape(words), SlackLimits.FALLBACK_TEXT))
                .put("unfurl_links", false);
        return call(postMessageUrl, message);
    }

    private OutboundRequest call(URI url, ObjectNode body) {
        return OutboundRequest.postJson(url, url.toString(), body)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Authorization", "Bearer " + token.orElseThrow())
                .expectingOk("ok");
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText)
                .filter(s -> !s.isEmpty());
    }
}
