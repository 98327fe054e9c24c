package io.chatrelay.platform.telegram;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.event.Message;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.Masking;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Digest;
import io.chatrelay.render.Summaries;
import io.chatrelay.render.Summary;
import io.chatrelay.render.TemplateSyntax;
import io.chatrelay.render.Transcript;
import java.net.URI;
import java.util.Optional;

/**
 * Telegram {@code sendMessage} in HTML parse mode: a bold title, the facts, a link to the live
 * chat and the newest part of the transcript as a quote, within 4096 visible characters.
 */
public final class TelegramFormatter implements Formatter {

    static final int MAX_TEXT = 4096;
    private static final int MAX_FACT = 500;

    private final URI url;
    private final String displayUrl;
    private final String chatId;
    private final Optional<String> messageThreadId;

    public TelegramFormatter(TelegramConfig destination) {
        String base = destination.apiBaseUrl().toString().replaceAll("/+$", "");
        this.url = URI.create(base + "/bot" + destination.botToken().reveal() + "/sendMessage");
        this.displayUrl = base + "/bot" + Masking.MASK + "/sendMessage"; // the base is no secret: show all of it
        this.chatId = destination.chatId();
        this.messageThreadId = destination.messageThreadId();
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("chat_id", chatId);
        messageThreadId.ifPresent(id -> {
            if (id.matches("\\d{1,18}")) {
                body.put("message_thread_id", Long.parseLong(id));
            } else {
                body.put("message_thread_id", id);
            }
        });
        body.put("text", text(Summaries.of(envelope.event()),
                envelope.templated(TemplateSyntax.MARKDOWN).map(TelegramHtml::render), envelope.plain()));
        body.put("parse_mode", "HTML");
        body.putObject("link_preview_options").put("is_disabled", true);
        return OutboundRequest.postJson(url, displayUrl, body);
    }

    /** A digest: a bold title and a line per event in HTML, "+N more" last, within 4096 characters. */
    @Override
    public OutboundRequest formatDigest(Digest digest, Envelope envelope) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("chat_id", chatId);
        messageThreadId.ifPresent(id -> {
            if (id.matches("\\d{1,18}")) {
                body.put("message_thread_id", Long.parseLong(id));
            } else {
                body.put("message_thread_id", id);
            }
        });
        String title = "<b>" + TelegramHtml.escape("🗂 " + digest.title()) + "</b>";
        Digest.Fitted fitted = digest.fit(MAX_TEXT - title.length() - 2, line -> "<b>" + line.time() + "</b> "
                + TelegramHtml.escape(String.join(" · ", line.chatbot(), line.who(), line.words())), "\n",
                hidden -> TelegramHtml.escape(digest.moreText(hidden)));
        body.put("text", TelegramHtml.truncate(title + "\n\n" + fitted.joined("\n"), MAX_TEXT));
        body.put("parse_mode", "HTML");
        body.putObject("link_preview_options").put("is_disabled", true);
        return OutboundRequest.postJson(url, displayUrl, body);
    }

    static String text(Summary summary, Optional<String> templated, boolean plain) {
        StringBuilder head = new StringBuilder();
        head.append("<b>").append(TelegramHtml.escape(summary.emoji() + " " + summary.title())).append("</b>\n");
        head.append(templated.orElseGet(() -> TelegramHtml.escape(summary.line())));
        if (!summary.facts().isEmpty()) {
            head.append('\n');
        }
        for (Summary.Fact fact : summary.facts()) {
            head.append("\n<b>").append(TelegramHtml.escape(fact.label())).append(":</b> ")
                    .append(TelegramHtml.truncate(TelegramHtml.escape(fact.value()), MAX_FACT));
        }
        summary.link().ifPresent(link -> head.append("\n\n<a href=\"").append(TelegramHtml.escape(link.url()))
                .append("\">").append(TelegramHtml.escape(link.label())).append("</a>"));
        String text = TelegramHtml.truncate(head.toString(), MAX_TEXT);
        int budget = MAX_TEXT - TelegramHtml.visibleLength(text) - 2 - "<blockquote></blockquote>".length();
        if (!summary.transcript().isEmpty() && budget > 40) {
            text += "\n\n<blockquote>" + Transcript.render(summary.transcript(), budget, m -> line(m, plain),
                    TelegramHtml::truncate) + "</blockquote>";
        }
        return TelegramHtml.truncate(text, MAX_TEXT);
    }

    /** The visitor's words escaped to show as typed; the bot's Markdown converted, unless rendered plain. */
    private static String line(Message message, boolean plain) {
        return (message.fromUser() ? "<b>Visitor:</b> " : "<b>Bot:</b> ") + (plain || message.fromUser()
                ? TelegramHtml.escape(message.content()) : TelegramHtml.render(message.content()));
    }
}
