package io.chatrelay.format.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.config.DestinationConfig;
import io.chatrelay.format.Envelope;
import io.chatrelay.format.Formatter;
import io.chatrelay.format.Masking;
import io.chatrelay.format.OutboundRequest;
import io.chatrelay.format.Summaries;
import io.chatrelay.format.Summary;
import io.chatrelay.format.Text;
import io.chatrelay.format.Transcript;
import io.chatrelay.event.Message;
import java.net.URI;

/**
 * Slack incoming-webhook messages in Block Kit: a header with an emoji per event type, the facts as
 * fields, the recent transcript, a button to the live chat, and a {@code text} fallback for
 * notifications. All user text is escaped; every block stays within Slack's limits.
 */
public final class SlackFormatter implements Formatter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final URI webhookUrl;

    public SlackFormatter(DestinationConfig.Slack destination) {
        this.webhookUrl = URI.create(destination.webhookUrl()
                .orElseThrow(() -> new IllegalArgumentException("slack destination " + destination.name()
                        + " has no webhook_url"))
                .reveal());
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        ObjectNode message = message(Summaries.of(envelope.event()));
        return OutboundRequest.postJson(webhookUrl, Masking.url(webhookUrl), message);
    }

    static ObjectNode message(Summary summary) {
        ObjectNode message = NODES.objectNode();
        message.put("text", Text.truncate(summary.emoji() + " " + SlackText.escape(summary.title() + ": " + summary.line()),
                SlackLimits.FALLBACK_TEXT));
        ArrayNode blocks = message.putArray("blocks");
        if (summary.compact()) {
            blocks.add(section(summary.emoji() + " *" + SlackText.escape(summary.title()) + "*: "
                    + SlackText.escape(summary.line())));
            message.put("unfurl_links", false);
            return message;
        }
        blocks.add(header(summary.emoji() + " " + summary.title()));
        blocks.add(section(SlackText.escape(summary.line())));
        if (!summary.facts().isEmpty()) {
            blocks.add(fields(summary));
        }
        if (!summary.transcript().isEmpty()) {
            blocks.add(section(Transcript.render(summary.transcript(), SlackLimits.SECTION_TEXT, SlackFormatter::line)));
        }
        summary.link().filter(link -> link.url().length() <= SlackLimits.BUTTON_URL)
                .ifPresent(link -> blocks.add(button(link)));
        message.put("unfurl_links", false);
        return message;
    }

    private static String line(Message message) {
        String who = message.fromUser() ? "Visitor" : "Bot";
        return "*" + who + ":* " + SlackText.escape(message.content());
    }

    private static ObjectNode header(String text) {
        ObjectNode block = NODES.objectNode().put("type", "header");
        block.set("text", plainText(Text.truncate(text, SlackLimits.HEADER_TEXT)));
        return block;
    }

    private static ObjectNode section(String mrkdwn) {
        ObjectNode block = NODES.objectNode().put("type", "section");
        block.set("text", mrkdwn(Text.truncate(mrkdwn.isEmpty() ? " " : mrkdwn, SlackLimits.SECTION_TEXT)));
        return block;
    }

    private static ObjectNode fields(Summary summary) {
        ObjectNode block = NODES.objectNode().put("type", "section");
        ArrayNode fields = block.putArray("fields");
        for (Summary.Fact fact : summary.facts()) {
            if (fields.size() == SlackLimits.FIELDS) {
                break;
            }
            String text = "*" + SlackText.escape(Text.oneLine(fact.label())) + "*\n" + SlackText.escape(fact.value());
            fields.add(mrkdwn(Text.truncate(text, SlackLimits.FIELD_TEXT)));
        }
        return block;
    }

    private static ObjectNode button(Summary.Link link) {
        ObjectNode button = NODES.objectNode().put("type", "button");
        button.set("text", plainText(Text.truncate(link.label(), SlackLimits.BUTTON_TEXT)));
        button.put("url", link.url()).put("style", "primary");
        ObjectNode block = NODES.objectNode().put("type", "actions");
        block.putArray("elements").add(button);
        return block;
    }

    private static ObjectNode plainText(String text) {
        return NODES.objectNode().put("type", "plain_text").put("text", text).put("emoji", true);
    }

    private static ObjectNode mrkdwn(String text) {
        return NODES.objectNode().put("type", "mrkdwn").put("text", text);
    }
}
