package io.chatrelay.platform.mattermost;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.event.Message;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.EscalationState;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.Masking;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Digest;
import io.chatrelay.render.Summaries;
import io.chatrelay.render.Summary;
import io.chatrelay.render.TemplateSyntax;
import io.chatrelay.render.Text;
import io.chatrelay.render.Transcript;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Mattermost incoming-webhook post: the title, the line and the link to the live chat in the
 * message text (Markdown, which Mattermost renders), and one Slack-style attachment with the facts
 * as fields and the transcript as its text. Nothing from the event can notify anyone (see
 * {@link MattermostText}); everything stays within the server's default 16,383 characters.
 */
public final class MattermostFormatter implements Formatter {

    static final int MAX_TEXT = 16_383;
    private static final int MESSAGE = 4_000;
    private static final int TRANSCRIPT = 8_000;
    private static final int FIELD_VALUE = 1_000;
    private static final int FIELDS = 20;
    private static final int MAX_URL = 2_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final URI webhookUrl;
    private final Optional<String> channel;
    private final Optional<String> username;
    private final Optional<String> iconUrl;

    public MattermostFormatter(MattermostConfig destination) {
        this.webhookUrl = URI.create(destination.webhookUrl().reveal());
        this.channel = destination.channel();
        this.username = destination.username();
        this.iconUrl = destination.iconUrl();
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        Summary summary = Summaries.of(envelope.event());
        Optional<String> templated = envelope.templated(TemplateSyntax.MARKDOWN).map(MattermostText::render);
        ObjectNode post = message(summary, templated, envelope.plain(), envelope.escalation());
        channel.ifPresent(c -> post.put("channel", c));
        username.ifPresent(u -> post.put("username", u));
        iconUrl.ifPresent(u -> post.put("icon_url", u));
        return OutboundRequest.postJson(webhookUrl, Masking.url(webhookUrl), post);
    }

    /** A digest: the title and a line per event in the message text, "+N more" last, within the server's limit. */
    @Override
    public OutboundRequest formatDigest(Digest digest, Envelope envelope) {
        String title = "#### 🗂 " + MattermostText.literal(digest.title());
        Digest.Fitted fitted = digest.fit(MAX_TEXT - title.length() - 1, line -> "**" + line.time() + "** "
                + MattermostText.literal(String.join(" · ", line.chatbot(), line.who(), line.words())), "\n",
                hidden -> MattermostText.literal(digest.moreText(hidden)));
        ObjectNode post = NODES.objectNode();
        post.put("text", Text.truncate(title + "\n" + fitted.joined("\n"), MAX_TEXT));
        channel.ifPresent(c -> post.put("channel", c));
        username.ifPresent(u -> post.put("username", u));
        iconUrl.ifPresent(u -> post.put("icon_url", u));
        return OutboundRequest.postJson(webhookUrl, Masking.url(webhookUrl), post);
    }

    /**
     * The post; an escalation's {@code state} adds its status lines ("🙋 Taken by Ana at 14:02 UTC")
     * under the title and, while it can be taken, a "Take this chat" link to the claim page before
     * the live chat's (a webhook post cannot call the relay back).
     */
    static ObjectNode message(Summary summary, Optional<String> templated, boolean plain, EscalationState state) {
        String title = MattermostText.literal(Text.oneLine(summary.title()));
        String line = templated.orElseGet(() -> MattermostText.literal(summary.line()));
        StringBuilder status = new StringBuilder();
        state.statusLines().forEach(s -> status.append("\n**").append(MattermostText.literal(s)).append("**"));
        String text = summary.compact() ? summary.emoji() + " **" + title + "**: " + line + status
                : "#### " + summary.emoji() + " " + title + status + "\n" + line;
        Optional<Summary.Link> shownLink = summary.link().filter(l -> l.url().length() <= MAX_URL);
        List<String> links = new ArrayList<>();
        (state.takeable() ? state.claimLink() : Optional.<URI>empty()).map(URI::toASCIIString)
                .filter(url -> url.length() <= MAX_URL)
                .ifPresent(url -> links.add(MattermostText.INSTANCE.link(url, "Take this chat")));
        shownLink.ifPresent(l -> links.add(MattermostText.INSTANCE.link(l.url(), MattermostText.literal(l.label()))));
        String link = links.isEmpty() ? "" : "\n\n" + String.join(" · ", links);
        ObjectNode post = NODES.objectNode();
        post.put("text", Text.truncate(text, MESSAGE - link.length()) + link);
        if (summary.compact() || (summary.facts().isEmpty() && summary.transcript().isEmpty())) {
            return post;
        }
        ObjectNode attachment = post.putArray("attachments").addObject();
        attachment.put("fallback", Text.truncate(summary.emoji() + " " + summary.title() + ": "
                + Text.oneLine(summary.line()), 300));
        attachment.put("color", String.format("#%06X", summary.colour()));
        if (!summary.facts().isEmpty()) {
            fields(attachment.putArray("fields"), summary);
        }
        if (!summary.transcript().isEmpty()) {
            attachment.put("text", Transcript.render(summary.transcript(), TRANSCRIPT, m -> line(m, plain)));
        }
        shownLink.ifPresent(l -> attachment.put("title", l.label()).put("title_link", l.url()));
        return post;
    }

    private static void fields(ArrayNode fields, Summary summary) {
        int shown = Math.min(summary.facts().size(), FIELDS);
        for (Summary.Fact fact : summary.facts().subList(0, shown)) {
            String value = Text.truncate(MattermostText.literal(fact.value()), FIELD_VALUE);
            fields.addObject().put("title", Text.truncate(Text.oneLine(fact.label()), 100))
                    .put("value", value).put("short", value.length() <= 40);
        }
        if (summary.facts().size() > shown) {
            fields.addObject().put("title", "More").put("value", "+" + (summary.facts().size() - shown) + " more")
                    .put("short", false);
        }
    }

    /** The visitor's words as typed; the bot's answers in their own Markdown, unless the message is rendered plain. */
    private static String line(Message message, boolean plain) {
        return message.fromUser() ? "**Visitor:** " + MattermostText.literal(message.content())
                : "**Bot:** " + (plain ? MattermostText.literal(message.content()) : MattermostText.render(message.content()));
    }
}
