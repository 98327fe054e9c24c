package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.EscalationState;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Text;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What an escalation's Slack message shows of the escalation as things stand: its status lines
 * ("🙋 Taken by Ana at 14:02 UTC") as a context block, and while nobody took it a "Take this chat"
 * button: one Slack sends back to {@code /slack/interactions} when the destination has the app's
 * signing secret, else a link to the relay's claim page when there is one.
 */
final class SlackEscalation {

    static final String TAKE_ACTION = "claim";
    static final String TAKE_LABEL = "Take this chat";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int BUTTON_VALUE = 2000;
    private static final java.util.regex.Pattern SLACK_USER = java.util.regex.Pattern.compile("[UW][A-Z0-9]{2,20}");

    /** Escaped mrkdwn. */
    private final List<String> statusLines;
    private final Optional<ObjectNode> takeButton;

    private SlackEscalation(List<String> statusLines, Optional<ObjectNode> takeButton) {
        this.statusLines = statusLines;
        this.takeButton = takeButton;
    }

    static final SlackEscalation NONE = new SlackEscalation(List.of(), Optional.empty());

    /** What {@code envelope} shows at {@code destination}; {@code interactive}: it has a signing secret. */
    static SlackEscalation of(Envelope envelope, String destination, boolean interactive) {
        if (!(envelope.event() instanceof ChatDataEvent.LiveChatEscalation)) {
            return NONE;
        }
        EscalationState state = envelope.escalation();
        Optional<ObjectNode> take = Optional.empty();
        if (state.takeable()) {
            take = interactive ? pressButton(envelope.raw().id(), destination)
                    : state.claimLink().map(URI::toString).filter(url -> url.length() <= SlackLimits.BUTTON_URL)
                            .map(SlackEscalation::linkButton);
        }
        List<String> lines = state.statusLines().stream().map(SlackText::escape).toList();
        if (interactive && state.taken().filter(t -> presser(t, destination)).isPresent()) {
            String mention = state.taken().get().by();
            lines = lines.stream().map(line -> line.replace(SlackText.escape(mention), mention)).toList();
        }
        return new SlackEscalation(lines, take);
    }

    /** The taker's name as mrkdwn: escaped, or the mention of a presser Slack gave no name for. */
    static String name(EscalationState.Taken taken, String destination) {
        return presser(taken, destination) ? taken.by() : SlackText.escape(taken.by());
    }

    /**
     * Whether the taker's name is the {@code <@U…>} a press through this destination's button is
     * given when Slack did not say its name: shown as a mention of that person (Slack shows their
     * name), since the id came signed by Slack. Any other name is text, escaped.
     */
    private static boolean presser(EscalationState.Taken taken, String destination) {
        return taken.via().equals(destination) && SLACK_USER.matcher(taken.byId()).matches()
                && taken.by().equals(SlackUsers.mention(taken.byId()));
    }

    /** The value names the event and the destination, nothing secret: the signature proves who sent it back. */
    static String value(String eventId, String destination) {
        ObjectNode value = NODES.objectNode().put("e", eventId).put("d", destination);
        return new String(OutboundRequest.json(value), StandardCharsets.UTF_8);
    }

    private static Optional<ObjectNode> pressButton(String eventId, String destination) {
        String value = value(eventId, destination);
        if (value.length() > BUTTON_VALUE) {
            return Optional.empty();
        }
        ObjectNode button = button().put("action_id", TAKE_ACTION).put("value", value).put("style", "primary");
        return Optional.of(button);
    }

    private static ObjectNode linkButton(String url) {
        return button().put("url", url).put("style", "primary");
    }

    private static ObjectNode button() {
        ObjectNode button = NODES.objectNode().put("type", "button");
        button.set("text", NODES.objectNode().put("type", "plain_text").put("text", TAKE_LABEL).put("emoji", true));
        return button;
    }

    Optional<ObjectNode> takeButton() {
        return takeButton;
    }

    /** The status lines as one context block (escaped: a name is what a person chose), if there are any. */
    Optional<ObjectNode> statusBlock() {
        if (statusLines.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode block = NODES.objectNode().put("type", "context");
        block.putArray("elements").add(NODES.objectNode().put("type", "mrkdwn")
                .put("text", Text.truncate(String.join("\n", statusLines), SlackLimits.SECTION_TEXT)));
        return Optional.of(block);
    }

    /** The fallback text with the status lines after it, all within the fallback's limit. */
    String fallback(String text) {
        if (statusLines.isEmpty()) {
            return Text.truncate(text, SlackLimits.FALLBACK_TEXT);
        }
        String status = Text.truncate(String.join(" · ", statusLines), SlackLimits.FALLBACK_TEXT / 2);
        return Text.truncate(text, SlackLimits.FALLBACK_TEXT - status.length() - 1) + "\n" + status;
    }
}
