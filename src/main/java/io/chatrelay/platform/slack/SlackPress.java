package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.log.LogSafe;
import io.chatrelay.store.Claims;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A verified {@code block_actions} payload's press of a take button, as the store records it: the
 * event and destination its value names, who pressed (their Slack id, and their name), the
 * request's own id (a resent request is acted on once), the ephemeral answer through its
 * {@code response_url}, and for a webhook's message the edit that only that URL can make.
 */
final class SlackPress {

    static final String SOURCE = "slack";
    private static final Logger LOG = LoggerFactory.getLogger(SlackPress.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a take button's value names. */
    private record Named(String eventId, String destination) {}

    private SlackPress() {}

    /**
     * The press, or empty (logged) when its value names no event, or a destination that is not a
     * Slack destination whose signing secret signed this request.
     */
    static Optional<Claims.Press> of(JsonNode payload, JsonNode action, Map<String, SlackConfig> signed,
                                     Set<String> verifiedBy, SlackUsers users, Instant at) {
        Optional<Named> value = value(action.path("value").asText(""));
        String userId = payload.path("user").path("id").asText("");
        if (value.isEmpty() || userId.isEmpty()) {
            LOG.info("a Slack take press ignored: its value names no event, or it names no user");
            return Optional.empty();
        }
        String eventId = value.get().eventId();
        String destination = value.get().destination();
        if (!verifiedBy.contains(destination)) {
            LOG.info("a Slack take press of event={} ignored: it names destination {}, which is not a Slack "
                    + "destination whose signing secret signed it", LogSafe.value(eventId), LogSafe.value(destination));
            return Optional.empty();
        }
        SlackConfig slack = signed.get(destination);
        String name = users.name(slack, userId);
        Optional<String> responseUrl = Optional.ofNullable(payload.get("response_url")).filter(JsonNode::isTextual)
                .map(JsonNode::asText).filter(url -> SlackReplies.uri(url).isPresent());
        Optional<Claims.Queued> notice = responseUrl.map(url -> new Claims.Queued(destination,
                SlackReplies.noticeTarget(url, userId)));
        Optional<Claims.Queued> ownEdit = slack.webhookUrl().isPresent()
                ? responseUrl.map(url -> new Claims.Queued(destination, SlackReplies.editTarget(url)))
                : Optional.empty();
        return Optional.of(new Claims.Press(eventId, userId, name, destination, at, inbound(payload, action, userId),
                notice, ownEdit));
    }

    /** Slack's own id of the request: its {@code trigger_id}, else the action's time and who pressed. */
    private static Optional<Claims.Inbound> inbound(JsonNode payload, JsonNode action, String userId) {
        String trigger = payload.path("trigger_id").asText("");
        if (!trigger.isEmpty()) {
            return Optional.of(new Claims.Inbound(SOURCE, trigger));
        }
        String actionTs = action.path("action_ts").asText("");
        return actionTs.isEmpty() ? Optional.empty() : Optional.of(new Claims.Inbound(SOURCE, actionTs + ":" + userId));
    }

    /** {@code {"e": event id, "d": destination}} as the formatter wrote it. */
    private static Optional<Named> value(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || !node.path("e").isTextual() || !node.path("d").isTextual()
                    || node.path("e").asText().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Named(node.path("e").asText(), node.path("d").asText()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
