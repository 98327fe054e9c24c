package io.chatrelay.platform.teams;

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
import io.chatrelay.render.LiteralMarkdown;
import io.chatrelay.render.Summaries;
import io.chatrelay.render.Summary;
import io.chatrelay.render.TemplateSyntax;
import io.chatrelay.render.Text;
import io.chatrelay.render.Transcript;
import java.net.URI;
import java.util.Optional;

/**
 * A Teams Workflows webhook message: one Adaptive Card 1.4 with the title, the facts as a FactSet,
 * the transcript, and an {@code Action.OpenUrl} to the live chat; kept under Teams' 28 KB.
 */
public final class TeamsFormatter implements Formatter {

    static final int MAX_BYTES = 28_000;
    private static final int MAX_FACT = 1_000;
    private static final int TRANSCRIPT = 8_000;
    private static final int TITLE = 200;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final URI webhookUrl;

    public TeamsFormatter(TeamsConfig destination) {
        this.webhookUrl = URI.create(destination.webhookUrl().reveal());
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        Summary summary = Summaries.of(envelope.event());
        Optional<String> templated = envelope.templated(TemplateSyntax.MARKDOWN).map(TeamsMarkdown::render);
        int transcript = TRANSCRIPT;
        int fact = MAX_FACT;
        EscalationState state = envelope.escalation();
        ObjectNode message = message(summary, templated, transcript, fact, envelope.plain(), state);
        while (OutboundRequest.json(message).length > MAX_BYTES && fact > 10) {
            transcript /= 2; // Teams counts bytes: CJK text is three a character
            fact /= 2;
            message = message(summary, templated, transcript, fact, envelope.plain(), state);
        }
        return OutboundRequest.postJson(webhookUrl, Masking.url(webhookUrl), message);
    }

    /** A digest: one card, the title and the lines (within Teams' bytes even in CJK), "+N more" last. */
    @Override
    public OutboundRequest formatDigest(Digest digest, Envelope envelope) {
        ObjectNode card = NODES.objectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.add(textBlock(Text.truncate("🗂 " + digest.title(), TITLE)).put("weight", "Bolder").put("size", "Medium"));
        Digest.Fitted fitted = digest.fit(TRANSCRIPT, line -> "**" + line.time() + "** " + LiteralMarkdown.escape(
                String.join(" · ", line.chatbot(), line.who(), line.words())), "\n\n",
                hidden -> LiteralMarkdown.escape(digest.moreText(hidden)));
        body.add(textBlock(fitted.joined("\n\n")));
        ObjectNode message = NODES.objectNode().put("type", "message");
        message.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive")
                .putNull("contentUrl")
                .set("content", card);
        return OutboundRequest.postJson(webhookUrl, Masking.url(webhookUrl), message);
    }

    /**
     * The card; an escalation's {@code state} adds its status lines ("🙋 Taken by Ana at 14:02 UTC")
     * under the title and, while it can be taken, a "Take this chat" button to the claim page: Teams
     * webhooks cannot call the relay back.
     */
    static ObjectNode message(Summary summary, Optional<String> templated, int transcriptBudget, int factLimit,
                              boolean plain, EscalationState state) {
        ObjectNode card = NODES.objectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.add(textBlock(Text.truncate(summary.emoji() + " " + summary.title(), Math.min(TITLE, factLimit)))
                .put("weight", "Bolder").put("size", "Medium"));
        body.add(textBlock(Text.truncate(templated.orElseGet(() -> LiteralMarkdown.escape(summary.line())),
                factLimit * 2)));
        for (String line : state.statusLines()) {
            body.add(textBlock(Text.truncate(LiteralMarkdown.escape(line), factLimit)).put("weight", "Bolder"));
        }
        if (!summary.facts().isEmpty()) {
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            summary.facts().forEach(f -> facts.addObject().put("title", Text.truncate(Text.oneLine(f.label()), 100))
                    .put("value", Text.truncate(LiteralMarkdown.escape(f.value()), factLimit)));
        }
        if (!summary.transcript().isEmpty() && transcriptBudget > 40) {
            body.add(textBlock(Transcript.render(summary.transcript(), transcriptBudget, m -> line(m, plain)))
                    .put("spacing", "Medium").put("separator", true));
        }
        Optional<URI> take = state.takeable() ? state.claimLink() : Optional.empty();
        take.ifPresent(link -> card.withArray("actions").addObject().put("type", "Action.OpenUrl")
                .put("title", "Take this chat").put("url", link.toASCIIString()).put("style", "positive"));
        summary.link().filter(link -> link.url().length() <= factLimit * 2).ifPresent(link -> card.withArray("actions")
                .addObject().put("type", "Action.OpenUrl").put("title", link.label()).put("url", link.url()));
        ObjectNode message = NODES.objectNode().put("type", "message");
        message.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive")
                .putNull("contentUrl")
                .set("content", card);
        return message;
    }

    private static ObjectNode textBlock(String text) {
        return NODES.objectNode().put("type", "TextBlock").put("text", text).put("wrap", true);
    }

    /** The visitor's words escaped to show as typed; the bot's Markdown converted, unless rendered plain. */
    private static String line(Message message, boolean plain) {
        return (message.fromUser() ? "**Visitor:** " : "**Bot:** ") + (plain || message.fromUser()
                ? LiteralMarkdown.escape(message.content()) : TeamsMarkdown.render(message.content()));
    }
}
