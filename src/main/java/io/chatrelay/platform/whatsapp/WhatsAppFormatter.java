package io.chatrelay.platform.whatsapp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.event.Message;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.EscalationState;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Digest;
import io.chatrelay.render.MessageTemplate;
import io.chatrelay.render.Summaries;
import io.chatrelay.render.Summary;
import io.chatrelay.render.TemplateSyntax;
import io.chatrelay.render.Text;
import io.chatrelay.render.Transcript;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One WhatsApp Cloud API message to one recipient: an approved template with parameters rendered
 * from the event (what reaches anyone, any time), or else a text message of at most 4,096
 * characters (what reaches someone who wrote to the number in the last 24 hours).
 */
public final class WhatsAppFormatter implements Formatter {

    static final int MAX_TEXT = 4_096;
    /** A template body holds at most 1,024 characters; each parameter gets a fair share of it. */
    static final int MAX_PARAMETER = 500;
    private static final int MAX_FACT = 300;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final URI url;
    private final String token;
    private final String recipient;
    private final Optional<WhatsAppConfig.Template> template;
    private final List<MessageTemplate> parameters;

    public WhatsAppFormatter(WhatsAppConfig destination) {
        String base = destination.apiBaseUrl().toString().replaceAll("/+$", "");
        this.url = URI.create(base + "/" + destination.phoneNumberId() + "/messages");
        this.token = destination.accessToken().reveal();
        this.recipient = destination.recipient();
        this.template = destination.template();
        this.parameters = template.map(t -> t.parameters().stream().map(MessageTemplate::new).toList()).orElse(List.of());
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        ObjectNode body = NODES.objectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", recipient.substring(1)); // the number's digits, country code first
        if (template.isPresent()) {
            body.put("type", "template");
            body.set("template", template(template.get(), envelope));
        } else {
            body.put("type", "text");
            body.putObject("text").put("preview_url", false).put("body", text(Summaries.of(envelope.event()),
                    envelope.templated(TemplateSyntax.MARKDOWN).map(WhatsAppText::render), envelope.plain(),
                    envelope.escalation()));
        }
        return OutboundRequest.postJson(url, url.toString(), body)
                .withHeader("Authorization", "Bearer " + token);
    }

    /**
     * A digest: a text message with the title and a line per event, "+N more" last, within 4,096
     * characters; with a template, its first parameter carries the lines on one line (within a
     * parameter's share) and any other parameter the title.
     */
    @Override
    public OutboundRequest formatDigest(Digest digest, Envelope envelope) {
        ObjectNode body = NODES.objectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", recipient.substring(1));
        if (template.isPresent()) {
            body.put("type", "template");
            ObjectNode node = NODES.objectNode().put("name", template.get().name());
            node.putObject("language").put("code", template.get().language());
            if (!parameters.isEmpty()) {
                ArrayNode values = node.putArray("components").addObject().put("type", "body").putArray("parameters");
                Digest.Fitted fitted = digest.fit(MAX_PARAMETER, line -> Text.oneLine(line.text()), " | ",
                        hidden -> "+" + hidden + " more");
                values.addObject().put("type", "text").put("text", parameter(fitted.joined(" | ")));
                for (int i = 1; i < parameters.size(); i++) {
                    values.addObject().put("type", "text").put("text", parameter(digest.title()));
                }
            }
            body.set("template", node);
        } else {
            String title = "*" + WhatsAppText.literal("🗂 " + digest.title()) + "*";
            Digest.Fitted fitted = digest.fit(MAX_TEXT - title.length() - 2, line -> "*" + line.time() + "* "
                    + WhatsAppText.literal(String.join(" · ", line.chatbot(), line.who(), line.words())), "\n",
                    hidden -> digest.moreText(hidden));
            body.put("type", "text");
            body.putObject("text").put("preview_url", false)
                    .put("body", Text.truncate(title + "\n\n" + fitted.joined("\n"), MAX_TEXT));
        }
        return OutboundRequest.postJson(url, url.toString(), body).withHeader("Authorization", "Bearer " + token);
    }

    private ObjectNode template(WhatsAppConfig.Template config, Envelope envelope) {
        ObjectNode node = NODES.objectNode().put("name", config.name());
        node.putObject("language").put("code", config.language());
        if (!parameters.isEmpty()) {
            ArrayNode values = node.putArray("components").addObject().put("type", "body").putArray("parameters");
            for (MessageTemplate parameter : parameters) {
                values.addObject().put("type", "text").put("text",
                        parameter(parameter.render(envelope.event(), envelope.raw().id(), TemplateSyntax.PLAIN)));
            }
        }
        return node;
    }

    /**
     * A value WhatsApp accepts as a body parameter: one line (no newline, no tab, no run of more
     * than four spaces: error 132018), never empty, within its share of the body.
     */
    static String parameter(String rendered) {
        String line = Text.oneLine(rendered == null ? "" : rendered);
        return line.isEmpty() ? "-" : Text.truncate(line, MAX_PARAMETER);
    }

    /**
     * The text message; an escalation's {@code state} adds its status lines ("🙋 Taken by Ana at 14:02
     * UTC") under the title and, while it can be taken, a line with the claim page's link (a template
     * message stays as approved). The links are never cut: the facts give way to them.
     */
    static String text(Summary summary, Optional<String> templated, boolean plain, EscalationState state) {
        StringBuilder head = new StringBuilder();
        head.append('*').append(WhatsAppText.literal(summary.emoji() + " " + Text.oneLine(summary.title()))).append("*\n");
        for (String status : state.statusLines()) {
            head.append(WhatsAppText.literal(status)).append('\n');
        }
        head.append(templated.orElseGet(() -> WhatsAppText.literal(summary.line())));
        if (!summary.facts().isEmpty()) {
            head.append('\n');
        }
        for (Summary.Fact fact : summary.facts()) {
            head.append("\n*").append(WhatsAppText.literal(Text.oneLine(fact.label()))).append(":* ")
                    .append(Text.truncate(WhatsAppText.literal(fact.value()), MAX_FACT));
        }
        StringBuilder links = new StringBuilder();
        (state.takeable() ? state.claimLink() : Optional.<URI>empty())
                .ifPresent(link -> links.append("\n\nTake this chat: ").append(link.toASCIIString()));
        summary.link().ifPresent(link -> links.append(links.isEmpty() ? "\n\n" : "\n").append(link.label())
                .append(": ").append(link.url()));
        String text = Text.truncate(head.toString(), Math.max(0, MAX_TEXT - links.length())) + links;
        int budget = MAX_TEXT - text.length() - 2;
        if (!summary.transcript().isEmpty() && budget > 40) {
            text += "\n\n" + Transcript.render(summary.transcript(), budget, m -> line(m, plain));
        }
        return Text.truncate(text, MAX_TEXT);
    }

    /** The visitor's words as typed; the bot's answers with their Markdown as WhatsApp formatting, unless plain. */
    private static String line(Message message, boolean plain) {
        return message.fromUser() ? "*Visitor:* " + WhatsAppText.literal(message.content())
                : "*Bot:* " + (plain ? WhatsAppText.literal(message.content()) : WhatsAppText.render(message.content()));
    }
}
