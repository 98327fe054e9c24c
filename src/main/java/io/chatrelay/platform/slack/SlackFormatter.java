package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.Message;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.Masking;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Digest;
import io.chatrelay.render.DigestLine;
import io.chatrelay.render.Summaries;
import io.chatrelay.render.Summary;
import io.chatrelay.render.TemplateSyntax;
import io.chatrelay.render.Text;
import io.chatrelay.render.Transcript;
import java.net.URI;
import java.util.Optional;

/**
 * Slack messages in Block Kit: a header with an emoji per event type, the facts as fields, the
 * recent transcript (Markdown converted to mrkdwn), a button to the live chat, and a {@code text}
 * fallback. Sent to an incoming webhook, or with a bot token through {@code chat.postMessage},
 * where each conversation gets its own thread. All user text is escaped; every limit is kept.
 */
public final class SlackFormatter implements Formatter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String name;
    private final boolean interactive;
    private final Optional<URI> webhookUrl;
    private final Optional<String> token;
    private final Optional<String> channel;
    private final URI postMessageUrl;
    private final URI updateUrl;
    private final SlackThreadNotices threadNotices;

    public SlackFormatter(SlackConfig destination) {
        this.name = destination.name();
        this.interactive = destination.signingSecret().isPresent();
        this.webhookUrl = destination.webhookUrl().map(url -> URI.create(url.reveal()));
        this.token = destination.token().map(t -> t.reveal());
        this.channel = destination.channel();
        this.postMessageUrl = SlackPlatform.method(destination.apiBaseUrl(), "chat.postMessage");
        this.updateUrl = SlackPlatform.method(destination.apiBaseUrl(), "chat.update");
        this.threadNotices = new SlackThreadNotices(destination);
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        ObjectNode message = message(envelope);
        if (webhookUrl.isPresent()) {
            return OutboundRequest.postJson(webhookUrl.get(), Masking.url(webhookUrl.get()), message);
        }
        return webApi(message, envelope);
    }

    /** The message as things stand: for an escalation with its status lines, and its take button while it is takeable. */
    private ObjectNode message(Envelope envelope) {
        return message(Summaries.of(envelope.event()), envelope.templated(TemplateSyntax.MARKDOWN)
                .map(SlackMrkdwn::render), envelope.plain(), SlackEscalation.of(envelope, name, interactive));
    }

    /**
     * An escalation's message brought up to date: {@code chat.update} of the message the bot posted
     * ({@code {"channel","ts"}}), or for a webhook's message a {@code replace_original} through the
     * press's {@code response_url} ({@code {"response_url"}}).
     */
    @Override
    public Optional<OutboundRequest> formatEdit(Envelope envelope, String posted) {
        ObjectNode message = message(envelope);
        message.remove("unfurl_links");
        Optional<SlackReplies.Posted> where = SlackReplies.Posted.read(posted);
        if (where.isEmpty()) {
            return Optional.empty();
        }
        if (where.get().responseUrl().isPresent()) {
            return Optional.of(SlackReplies.replaceOriginal(where.get().responseUrl().get(), message));
        }
        if (token.isEmpty() || where.get().channel().isEmpty() || where.get().ts().isEmpty()) {
            return Optional.empty(); // posted through the Web API, but the destination has no token now
        }
        ObjectNode update = NODES.objectNode().put("channel", where.get().channel().get())
                .put("ts", where.get().ts().get());
        update.setAll(message);
        return Optional.of(OutboundRequest.postJson(updateUrl, updateUrl.toString(), update)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Authorization", "Bearer " + token.get())
                .expectingOk("ok"));
    }

    /**
     * "You took this chat." or "Ana took this chat at 14:02 UTC", shown only to the person who
     * pressed; or, in a thread agents answer from, what became of a reply (a reaction, Chat Data's
     * reason) and the line saying how replies work ({@link SlackThreadNotices}).
     */
    @Override
    public Optional<OutboundRequest> formatNotice(Envelope envelope, String target) {
        Optional<com.fasterxml.jackson.databind.JsonNode> thread = SlackThreadNotices.read(target);
        if (thread.isPresent()) {
            return threadNotices.render(thread.get(), envelope.threadId());
        }
        return SlackReplies.notice(envelope.escalation(), target, name);
    }

    /**
     * A digest: its title as the header, the lines packed into sections (each within Slack's 3000
     * characters, all within its 50 blocks), and "+N more" as a context block. Never in a thread.
     */
    @Override
    public OutboundRequest formatDigest(Digest digest, Envelope envelope) {
        ObjectNode message = NODES.objectNode();
        message.put("text", Text.truncate("🗂 " + SlackText.escape(digest.title()), SlackLimits.FALLBACK_TEXT));
        message.put("unfurl_links", false);
        ArrayNode blocks = message.putArray("blocks");
        blocks.add(header("🗂 " + digest.title()));
        Digest.Packed packed = digest.pack(line -> digestLine(line, envelope.plain()), SlackLimits.SECTION_TEXT,
                SlackLimits.BLOCKS - 2, hidden -> Text.truncate(SlackText.escape(digest.moreText(hidden)),
                        SlackLimits.SECTION_TEXT));
        packed.groups().forEach(group -> blocks.add(section(group)));
        if (!packed.more().isEmpty()) {
            ObjectNode block = NODES.objectNode().put("type", "context");
            block.putArray("elements").add(mrkdwn(packed.more()));
            blocks.add(block);
        }
        if (webhookUrl.isPresent()) {
            return OutboundRequest.postJson(webhookUrl.get(), Masking.url(webhookUrl.get()), message);
        }
        message.put("channel", channel.orElseThrow());
        return OutboundRequest.postJson(postMessageUrl, postMessageUrl.toString(), message)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Authorization", "Bearer " + token.orElseThrow())
                .expectingOk("ok");
    }

    /** "*14:02* support-bot · Ada · How do I…": the visitor's words shown as typed. */
    private static String digestLine(DigestLine line, boolean plain) {
        String rest = String.join(" · ", line.chatbot(), line.who(), line.words());
        return (plain ? line.time() : "*" + line.time() + "*") + " " + (plain ? SlackText.escape(rest)
                : SlackText.literal(rest));
    }

    @Override
    public boolean threadsConversations() {
        return webhookUrl.isEmpty();
    }

    /** {@code chat.postMessage}: the first message of a conversation starts a thread, later ones reply in it. */
    private OutboundRequest webApi(ObjectNode message, Envelope envelope) {
        message.put("channel", channel.orElseThrow());
        String conversation = envelope.event().conversationId();
        envelope.threadId().ifPresent(parent -> {
            message.put("thread_ts", parent);
            if (envelope.event() instanceof ChatDataEvent.LiveChatEscalation) {
                message.put("reply_broadcast", true); // an escalation must be seen in the channel, not only the thread
            }
        });
        Optional<OutboundRequest.ThreadCapture> capture = envelope.threadId().isEmpty() && conversation != null
                ? Optional.of(new OutboundRequest.ThreadCapture(conversation, "ts")) : Optional.empty();
        return OutboundRequest.postJson(postMessageUrl, postMessageUrl.toString(), message)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Authorization", "Bearer " + token.orElseThrow())
                .expectingOk("ok")
                .capturingThread(capture);
    }

    static ObjectNode message(Summary summary, Optional<String> templated, boolean plain, SlackEscalation escalation) {
        String line = templated.orElseGet(() -> SlackText.escape(summary.line()));
        ObjectNode message = NODES.objectNode();
        message.put("text", escalation.fallback(summary.emoji() + " " + SlackText.escape(summary.title()) + ": " + line));
        message.put("unfurl_links", false);
        ArrayNode blocks = message.putArray("blocks");
        if (summary.compact()) {
            blocks.add(section(summary.emoji() + " *" + SlackText.escape(summary.title()) + "*: " + line));
            escalation.statusBlock().ifPresent(blocks::add);
            escalation.takeButton().ifPresent(take -> blocks.add(actions(take, Optional.empty())));
            return message;
        }
        blocks.add(header(summary.emoji() + " " + summary.title()));
        blocks.add(section(line));
        if (!summary.facts().isEmpty()) {
            blocks.add(fields(summary));
            more(summary).ifPresent(blocks::add);
        }
        if (!summary.transcript().isEmpty()) {
            blocks.add(section(Transcript.render(summary.transcript(), SlackLimits.SECTION_TEXT,
                    m -> line(m, plain))));
        }
        escalation.statusBlock().ifPresent(blocks::add);
        Optional<Summary.Link> link = summary.link().filter(l -> l.url().length() <= SlackLimits.BUTTON_URL);
        if (escalation.takeButton().isPresent()) {
            blocks.add(actions(escalation.takeButton().get(), link));
        } else {
            link.ifPresent(l -> blocks.add(button(l)));
        }
        return message;
    }

    /** The take button first (primary), then the live chat's link as a plain button. */
    private static ObjectNode actions(ObjectNode take, Optional<Summary.Link> link) {
        ObjectNode block = NODES.objectNode().put("type", "actions");
        ArrayNode elements = block.putArray("elements").add(take);
        link.ifPresent(l -> {
            ObjectNode open = NODES.objectNode().put("type", "button");
            open.set("text", plainText(Text.truncate(l.label(), SlackLimits.BUTTON_TEXT)));
            elements.add(open.put("url", l.url()));
        });
        return block;
    }

    /** The visitor's words as typed; the bot's Markdown converted, unless the message is rendered plain. */
    private static String line(Message message, boolean plain) {
        String who = message.fromUser() ? "Visitor" : "Bot";
        return "*" + who + ":* " + (plain || message.fromUser() ? SlackText.literal(message.content())
                : SlackMrkdwn.render(message.content()));
    }

    private static ObjectNode header(String text) {
        ObjectNode block = NODES.objectNode().put("type", "header");
        block.set("text", plainText(Text.truncate(text, SlackLimits.HEADER_TEXT)));
        return block;
    }

    private static ObjectNode section(String mrkdwn) {
        ObjectNode block = NODES.objectNode().put("type", "section");
        block.set("text", mrkdwn(Text.truncate(mrkdwn.isBlank() ? " " : mrkdwn, SlackLimits.SECTION_TEXT)));
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

    /** Slack shows at most 10 fields: the rest are named in one "+N more" line rather than dropped unseen. */
    private static Optional<ObjectNode> more(Summary summary) {
        int hidden = summary.facts().size() - SlackLimits.FIELDS;
        if (hidden <= 0) {
            return Optional.empty();
        }
        String names = summary.facts().subList(SlackLimits.FIELDS, summary.facts().size()).stream()
                .map(fact -> SlackText.escape(Text.oneLine(fact.label()))).collect(java.util.stream.Collectors.joining(", "));
        ObjectNode block = NODES.objectNode().put("type", "context");
        block.putArray("elements").add(mrkdwn(Text.truncate("+" + hidden + " more: " + names, SlackLimits.SECTION_TEXT)));
        return Optional.of(block);
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
