package io.chatrelay.platform.googlechat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.event.Message;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.EscalationState;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Digest;
import io.chatrelay.render.Summaries;
import io.chatrelay.render.Summary;
import io.chatrelay.render.TemplateSyntax;
import io.chatrelay.render.Text;
import io.chatrelay.render.Transcript;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A Google Chat space webhook message: a {@code cardsV2} card (header, the line, the facts, the
 * transcript, an "Open live chat" button) with a {@code text} fallback for notifications, in one
 * thread per conversation ({@code thread.threadKey} and {@code messageReplyOption}), within the
 * 32,000-byte message limit.
 */
public final class GoogleChatFormatter implements Formatter {

    static final int MAX_BYTES = 32_000;
    private static final int TEXT = 4_000;
    private static final int TRANSCRIPT = 12_000;
    private static final int FACT = 1_000;
    private static final int FACTS = 25;
    /** A digest's lines: room for three bytes a character within {@link #MAX_BYTES}. */
    private static final int DIGEST = 9_000;
    private static final int THREAD_KEY = 100;
    private static final int MAX_URL = 2_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final URI webhookUrl;

    public GoogleChatFormatter(GoogleChatConfig destination) {
        this.webhookUrl = URI.create(destination.webhookUrl().reveal());
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        Summary summary = Summaries.of(envelope.event());
        Optional<String> templated = envelope.templated(TemplateSyntax.MARKDOWN);
        Optional<String> thread = Optional.ofNullable(envelope.event().conversationId()).filter(id -> !id.isBlank())
                .map(GoogleChatFormatter::threadKey);
        int transcript = TRANSCRIPT;
        int fact = FACT;
        EscalationState state = envelope.escalation();
        ObjectNode body = message(summary, templated, transcript, fact, thread, envelope.plain(), state);
        while (OutboundRequest.json(body).length > MAX_BYTES && fact > 10) {
            transcript /= 2; // the limit is in bytes: CJK text is three a character
            fact /= 2;
            body = message(summary, templated, transcript, fact, thread, envelope.plain(), state);
        }
        URI url = GoogleChatUrl.sending(webhookUrl, thread.isPresent());
        return OutboundRequest.postJson(url, GoogleChatUrl.shown(webhookUrl, thread.isPresent()), body)
                .withHeader("Content-Type", "application/json; charset=UTF-8");
    }

    /**
     * A digest: a card with the title as its header and a line per event, "+N more" last (within
     * the message's bytes even in CJK), and the title as the notification text; never in a thread.
     */
    @Override
    public OutboundRequest formatDigest(Digest digest, Envelope envelope) {
        String title = "🗂 " + digest.title();
        ObjectNode body = NODES.objectNode();
        body.put("text", "*" + GoogleChatText.literal(title) + "*");
        ObjectNode card = body.putArray("cardsV2").addObject().put("cardId", "chat-data-digest").putObject("card");
        card.putObject("header").put("title", Text.truncate(title, 200));
        Digest.Fitted fitted = digest.fit(DIGEST, line -> "<b>" + line.time() + "</b> " + GoogleChatCardHtml.escape(
                String.join(" · ", line.chatbot(), line.who(), line.words())), "<br>",
                hidden -> GoogleChatCardHtml.escape(digest.moreText(hidden)));
        widgets(card.putArray("sections"), null).addObject().putObject("textParagraph")
                .put("text", fitted.joined("<br>"));
        URI url = GoogleChatUrl.sending(webhookUrl, false);
        return OutboundRequest.postJson(url, GoogleChatUrl.shown(webhookUrl, false), body)
                .withHeader("Content-Type", "application/json; charset=UTF-8");
    }

    /**
     * The message; an escalation's {@code state} adds its status lines ("🙋 Taken by Ana at 14:02 UTC")
     * to the text and the card, and while it can be taken a "Take this chat" button to the claim page
     * (a space webhook cannot call the relay back).
     */
    static ObjectNode message(Summary summary, Optional<String> templated, int transcriptBudget, int factLimit,
                              Optional<String> thread, boolean plain, EscalationState state) {
        ObjectNode message = NODES.objectNode();
        String title = summary.emoji() + " " + Text.oneLine(summary.title());
        String line = templated.map(GoogleChatText::render).orElseGet(() -> GoogleChatText.literal(summary.line()));
        StringBuilder status = new StringBuilder();
        state.statusLines().forEach(s -> status.append('\n').append(GoogleChatText.literal(s)));
        message.put("text", Text.truncate("*" + GoogleChatText.literal(title) + "*" + status + "\n" + line,
                Math.min(TEXT, factLimit * 4)));
        ObjectNode card = message.putArray("cardsV2").addObject().put("cardId", "chat-data-event").putObject("card");
        card.putObject("header").put("title", Text.truncate(title, 200));
        ArrayNode sections = card.putArray("sections");
        String cardLine = templated.map(GoogleChatCardHtml::render).orElseGet(() -> GoogleChatCardHtml.escape(summary.line()));
        widgets(sections, null).addObject().putObject("textParagraph").put("text", Text.truncate(cardLine, factLimit * 2));
        if (!state.statusLines().isEmpty()) {
            widgets(sections, null).addObject().putObject("textParagraph").put("text", Text.truncate("<b>"
                    + GoogleChatCardHtml.escape(String.join("\n", state.statusLines())).replace("\n", "<br>") + "</b>",
                    factLimit * 2));
        }
        if (!summary.facts().isEmpty()) {
            facts(widgets(sections, "Details"), summary, factLimit);
        }
        if (!summary.transcript().isEmpty() && transcriptBudget > 40) {
            widgets(sections, "Transcript").addObject().putObject("textParagraph").put("text",
                    Transcript.render(summary.transcript(), transcriptBudget, m -> line(m, plain))
                            .replace("\n", "<br>"));
        }
        Optional<String> take = (state.takeable() ? state.claimLink() : Optional.<URI>empty()).map(URI::toASCIIString)
                .filter(url -> url.length() <= MAX_URL);
        Optional<Summary.Link> open = summary.link().filter(link -> link.url().length() <= MAX_URL);
        if (take.isPresent() || open.isPresent()) {
            ArrayNode buttons = widgets(sections, null).addObject().putObject("buttonList").putArray("buttons");
            take.ifPresent(url -> buttons.addObject().put("text", "Take this chat").putObject("onClick")
                    .putObject("openLink").put("url", url));
            open.ifPresent(link -> buttons.addObject().put("text", link.label()).putObject("onClick")
                    .putObject("openLink").put("url", link.url()));
        }
        thread.ifPresent(key -> message.putObject("thread").put("threadKey", key));
        return message;
    }

    private static ArrayNode widgets(ArrayNode sections, String header) {
        ObjectNode section = sections.addObject();
        if (header != null) {
            section.put("header", header);
        }
        return section.putArray("widgets");
    }

    private static void facts(ArrayNode widgets, Summary summary, int factLimit) {
        int shown = Math.min(summary.facts().size(), FACTS);
        for (Summary.Fact fact : summary.facts().subList(0, shown)) {
            widgets.addObject().putObject("decoratedText")
                    .put("topLabel", Text.truncate(GoogleChatCardHtml.escape(Text.oneLine(fact.label())), 100))
                    .put("text", Text.truncate(GoogleChatCardHtml.escape(fact.value()), factLimit));
        }
        if (summary.facts().size() > shown) {
            widgets.addObject().putObject("textParagraph").put("text", "+" + (summary.facts().size() - shown) + " more");
        }
    }

    /** The visitor's words as typed; the bot's answers with their Markdown as card formatting, unless rendered plain. */
    private static String line(Message message, boolean plain) {
        return message.fromUser() ? "<b>Visitor:</b> " + GoogleChatCardHtml.escape(message.content())
                : "<b>Bot:</b> " + (plain ? GoogleChatCardHtml.escape(message.content())
                        : GoogleChatCardHtml.render(message.content()));
    }

    /** The conversation id; a very long one is hashed, the same way every time, so its thread stays one. */
    static String threadKey(String conversationId) {
        if (conversationId.length() <= THREAD_KEY) {
            return conversationId;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(conversationId.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
