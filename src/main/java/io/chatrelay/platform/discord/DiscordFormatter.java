package io.chatrelay.platform.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.Message;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.EscalationState;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.Masking;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Digest;
import io.chatrelay.render.LiteralMarkdown;
import io.chatrelay.render.MessageTemplate;
import io.chatrelay.render.Summaries;
import io.chatrelay.render.Summary;
import io.chatrelay.render.TemplateSyntax;
import io.chatrelay.render.Text;
import io.chatrelay.render.Transcript;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * One Discord embed per event: a colour per type, the facts as fields, the transcript as the
 * description, a timestamp. Mentions are always disabled, and every embed limit is kept, including
 * the 6000-character total. An escalation is posted with {@code wait=true} (its answer is the
 * message, whose id is kept to edit it), its description starting with its state ("🙋 Taken by Ana
 * at 14:02 UTC") and, while it can be taken, a link to the relay's claim page: a webhook's message
 * cannot carry buttons that call back.
 */
public final class DiscordFormatter implements Formatter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String TAKE = "🙋 Take this chat";
    private static final int SHORT_VALUE = 40;
    private static final int MIN_TRANSCRIPT = 40;
    /** Room kept in the footer and the 6000 total for " · +N more fields". */
    private static final int MORE_RESERVE = 24;

    private final URI webhookUrl;
    private final Optional<String> username;
    private final Optional<String> avatarUrl;
    private final Optional<MessageTemplate> threadName;

    public DiscordFormatter(DiscordConfig destination) {
        this.webhookUrl = URI.create(destination.webhookUrl().reveal());
        this.username = destination.username();
        this.avatarUrl = destination.avatarUrl();
        this.threadName = destination.threadName().map(MessageTemplate::new);
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        Summary summary = Summaries.of(envelope.event());
        ObjectNode message = NODES.objectNode();
        username.ifPresent(name -> message.put("username", Text.truncate(name, DiscordLimits.USERNAME)));
        avatarUrl.ifPresent(url -> message.put("avatar_url", url));
        embedded(message, summary, envelope);
        if (threadName.isEmpty()) {
            URI url = escalation(envelope) ? withQuery("wait=true") : webhookUrl;
            return OutboundRequest.postJson(url, Masking.url(url), message);
        }
        return forumPost(message, summary, envelope);
    }

    /**
     * {@code PATCH {webhook}/messages/{id}} (with the {@code thread_id} it was posted in, if any) of
     * the message {@code posted} names ({@link DiscordPosted}), rendered as things stand.
     */
    @Override
    public Optional<OutboundRequest> formatEdit(Envelope envelope, String posted) {
        return DiscordPosted.read(posted).map(message -> {
            ObjectNode body = NODES.objectNode();
            embedded(body, Summaries.of(envelope.event()), envelope);
            URI url = message.editUrl(webhookUrl);
            return new OutboundRequest("PATCH", url, Masking.url(url), java.util.Map.of("Content-Type",
                    "application/json"), OutboundRequest.json(body));
        });
    }

    /** No pings, and the event's one embed; Discord renders Markdown itself. */
    private static void embedded(ObjectNode message, Summary summary, Envelope envelope) {
        message.putObject("allowed_mentions").putArray("parse");
        message.putArray("embeds").add(embed(summary, envelope.raw().receivedAt(), envelope.event().type(),
                envelope.templated(TemplateSyntax.MARKDOWN), envelope.plain(), escalationLines(envelope)));
    }

    private static boolean escalation(Envelope envelope) {
        return envelope.event() instanceof ChatDataEvent.LiveChatEscalation;
    }

    /**
     * What an escalation's description starts with: the take link while it can be taken (and
     * {@code server.public_url} gives it one), then its state; empty for other events.
     */
    static String escalationLines(Envelope envelope) {
        if (!escalation(envelope)) {
            return "";
        }
        EscalationState state = envelope.escalation();
        java.util.List<String> lines = new java.util.ArrayList<>();
        state.claimLink().filter(link -> state.takeable())
                .ifPresent(link -> lines.add("**[" + TAKE + "](" + link + ")**"));
        state.statusLines().forEach(line -> lines.add(LiteralMarkdown.escape(line)));
        return String.join("\n", lines);
    }

    /** A digest: one embed, its lines in the description (within 4096), "+N more" last. Never in a forum post. */
    @Override
    public OutboundRequest formatDigest(Digest digest, Envelope envelope) {
        ObjectNode message = NODES.objectNode();
        username.ifPresent(name -> message.put("username", Text.truncate(name, DiscordLimits.USERNAME)));
        avatarUrl.ifPresent(url -> message.put("avatar_url", url));
        message.putObject("allowed_mentions").putArray("parse");
        ObjectNode embed = message.putArray("embeds").addObject();
        embed.put("title", Text.truncate("🗂 " + digest.title(), DiscordLimits.TITLE));
        embed.put("color", 0x5865F2);
        embed.put("timestamp", digest.end().toString());
        Digest.Fitted fitted = digest.fit(DiscordLimits.DESCRIPTION, line -> "**" + line.time() + "** "
                + LiteralMarkdown.escape(String.join(" · ", line.chatbot(), line.who(), line.words())), "\n",
                hidden -> LiteralMarkdown.escape(digest.moreText(hidden)));
        embed.put("description", fitted.joined("\n"));
        embed.putObject("footer").put("text", "Chat Data · digest");
        if (threadName.isEmpty()) {
            return OutboundRequest.postJson(webhookUrl, Masking.url(webhookUrl), message);
        }
        message.put("thread_name", Text.truncate(digest.title(), DiscordLimits.THREAD_NAME));
        return OutboundRequest.postJson(webhookUrl, Masking.url(webhookUrl), message);
    }

    @Override
    public boolean threadsConversations() {
        return threadName.isPresent();
    }

    /**
     * A forum channel: the first message of a conversation opens a post named by {@code thread_name}
     * ({@code wait=true} returns its {@code channel_id}); later ones go into it with {@code thread_id}.
     */
    private OutboundRequest forumPost(ObjectNode message, Summary summary, Envelope envelope) {
        String conversation = envelope.event().conversationId();
        if (envelope.threadId().isPresent()) {
            URI url = withQuery("thread_id=" + envelope.threadId().get() + (escalation(envelope) ? "&wait=true" : ""));
            return OutboundRequest.postJson(url, Masking.url(url), message);
        }
        String name = Text.oneLine(threadName.get().render(envelope.event(), envelope.raw().id(), TemplateSyntax.PLAIN));
        message.put("thread_name", Text.truncate(name.isBlank() ? summary.title() : name, DiscordLimits.THREAD_NAME));
        URI url = withQuery("wait=true");
        return OutboundRequest.postJson(url, Masking.url(url), message).capturingThread(conversation == null
                ? Optional.empty() : Optional.of(new OutboundRequest.ThreadCapture(conversation, "channel_id")));
    }

    private URI withQuery(String query) {
        String base = webhookUrl.toString();
        return URI.create(base + (webhookUrl.getRawQuery() == null ? "?" : "&") + query);
    }

    /** {@code lead}: lines the description starts with (an escalation's take link and state), or empty. */
    static ObjectNode embed(Summary summary, Instant at, String type, Optional<String> templated, boolean plain,
                            String lead) {
        ObjectNode embed = NODES.objectNode();
        String title = Text.truncate(summary.emoji() + " " + summary.title(), DiscordLimits.TITLE);
        String footer = Text.truncate("Chat Data · " + type, DiscordLimits.FOOTER - MORE_RESERVE);
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
            String value = Text.truncate(LiteralMarkdown.escape(fact.value()), DiscordLimits.FIELD_VALUE);
            if (used + name.length() + value.length() > DiscordLimits.TOTAL - 200) {
                break;
            }
            used += name.length() + value.length();
            fields.add(NODES.objectNode().put("name", name).put("value", value)
                    .put("inline", value.length() <= SHORT_VALUE));
        }
        int hidden = summary.facts().size() - fields.size();
        if (hidden > 0) { // shown where it always fits: the footer has room kept for it
            String more = " · +" + hidden + " more field" + (hidden == 1 ? "" : "s");
            footer += more;
            used += more.length();
        }
        int budget = Math.min(DiscordLimits.DESCRIPTION, DiscordLimits.TOTAL - used);
        String head = Text.truncate(lead, budget); // first: what a person must see, even when little room is left
        int rest = budget - head.length() - 2;
        embed.put("description", head.isEmpty() ? description(summary, templated, budget, plain)
                : rest < 1 ? head : head + "\n\n" + description(summary, templated, rest, plain));
        if (!fields.isEmpty()) {
            embed.set("fields", fields);
        }
        embed.putObject("footer").put("text", footer);
        return embed;
    }

    private static String description(Summary summary, Optional<String> templated, int budget, boolean plain) {
        String line = Text.truncate(templated.orElseGet(() -> LiteralMarkdown.escape(summary.line())), budget);
        if (summary.transcript().isEmpty() || budget - line.length() - 2 < MIN_TRANSCRIPT) {
            return line;
        }
        return line + "\n\n" + Transcript.render(summary.transcript(), budget - line.length() - 2,
                message -> line(message, plain));
    }

    /** The visitor's words escaped to show as typed; the bot's Markdown as it is, unless rendered plain. */
    private static String line(Message message, boolean plain) {
        return (message.fromUser() ? "**Visitor:** " : "**Bot:** ")
                + (plain || message.fromUser() ? LiteralMarkdown.escape(message.content()) : message.content());
    }
}
