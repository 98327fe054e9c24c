package io.chatrelay.format.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.config.DestinationConfig;
import io.chatrelay.event.Message;
import io.chatrelay.format.Envelope;
import io.chatrelay.format.Formatter;
import io.chatrelay.format.Masking;
import io.chatrelay.format.OutboundRequest;
import io.chatrelay.format.Summaries;
import io.chatrelay.format.Summary;
import io.chatrelay.format.Text;
import io.chatrelay.format.Transcript;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * One Discord embed per event: a colour per type, the facts as fields, the transcript as the
 * description, a timestamp. Mentions are always disabled, and every embed limit is kept, including
 * the 6000-character total.
 */
public final class DiscordFormatter implements Formatter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int SHORT_VALUE = 40;
    private static final int MIN_TRANSCRIPT = 40;

    private final URI webhookUrl;
    private final Optional<String> username;
    private final Optional<String> avatarUrl;

    public DiscordFormatter(DestinationConfig.Discord destination) {
        this.webhookUrl = URI.create(destination.webhookUrl().reveal());
        this.username = destination.username();
        this.avatarUrl = destination.avatarUrl();
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        ObjectNode message = NODES.objectNode();
        username.ifPresent(name -> message.put("username", Text.truncate(name, DiscordLimits.USERNAME)));
        avatarUrl.ifPresent(url -> message.put("avatar_url", url));
        message.putObject("allowed_mentions").putArray("parse");
        message.putArray("embeds").add(embed(Summaries.of(envelope.event()), envelope.raw().receivedAt(),
                envelope.event().type()));
        return OutboundRequest.postJson(webhookUrl, Masking.url(webhookUrl), message);
    }

    static ObjectNode embed(Summary summary, Instant at, String type) {
        ObjectNode embed = NODES.objectNode();
        String title = Text.truncate(summary.emoji() + " " + summary.title(), DiscordLimits.TITLE);
        String footer = Text.truncate("Chat Data · " + type, DiscordLimits.FOOTER);
        embed.put("title", title);
        summary.link().ifPresent(link -> embed.put("url", link.url()));
        embed.put("color", summary.colour());
        embed.put("timestamp", at.toString());
        int used = title.length() + footer.length();
        ArrayNode fields = NODES.arrayNode();
        for (Summary.Fact fact : summary.facts()) {
            if (fields.size() == DiscordLimits.FIELDS) {
                break;
            }
            String name = Text.truncate(Text.oneLine(fact.label()), DiscordLimits.FIELD_NAME);
            String value = Text.truncate(fact.value(), DiscordLimits.FIELD_VALUE);
            if (used + name.length() + value.length() > DiscordLimits.TOTAL - 200) {
                break;
            }
            used += name.length() + value.length();
            fields.add(NODES.objectNode().put("name", name).put("value", value)
                    .put("inline", value.length() <= SHORT_VALUE));
        }
        int budget = Math.min(DiscordLimits.DESCRIPTION, DiscordLimits.TOTAL - used);
        embed.put("description", description(summary, budget));
        if (!fields.isEmpty()) {
            embed.set("fields", fields);
        }
        embed.putObject("footer").put("text", footer);
        return embed;
    }

    private static String description(Summary summary, int budget) {
        String line = Text.truncate(summary.line(), budget);
        if (summary.transcript().isEmpty() || budget - line.length() - 2 < MIN_TRANSCRIPT) {
            return line;
        }
        return line + "\n\n" + Transcript.render(summary.transcript(), budget - line.length() - 2,
                DiscordFormatter::line);
    }

    private static String line(Message message) {
        return (message.fromUser() ? "**Visitor:** " : "**Bot:** ") + message.content();
    }
}
