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
 * chat and the newest part of the transcript as a quote, within 4096 visible characters. An
 * escalation also carries its state ("🙋 Taken by Ana at 14:02 UTC") under the title and an inline
 * keyboard to take it ({@link TelegramTakes}); {@code editMessageText} brings a posted one up to
 * date, and {@code answerCallbackQuery} answers a press of its button.
 */
public final class TelegramFormatter implements Formatter {

    static final int MAX_TEXT = 4096;
    private static final int MAX_FACT = 500;

    private final String base;
    private final String token;
    private final URI url;
    private final String displayUrl;
    private final String chatId;
    private final Optional<String> messageThreadId;
    private final boolean callbacks;
    private final TelegramNotices notices;

    public TelegramFormatter(TelegramConfig destination) {
        this.base = destination.apiBaseUrl().toString().replaceAll("/+$", "");
        this.token = destination.botToken().reveal();
        this.url = method("sendMessage");
        this.displayUrl = displayUrl("sendMessage");
        this.chatId = destination.chatId();
        this.messageThreadId = destination.messageThreadId();
        this.callbacks = destination.webhookSecret().isPresent();
        this.notices = new TelegramNotices(destination);
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
        message(body, envelope);
        return OutboundRequest.postJson(url, displayUrl, body);
    }

    /**
     * {@code editMessageText} of the message {@code posted} names ({@link TelegramTakes.Posted}): the
     * text as things stand, and the keyboard without the take button once it is taken or the visitor left.
     */
    @Override
    public Optional<OutboundRequest> formatEdit(Envelope envelope, String posted) {
        return TelegramTakes.Posted.read(posted).map(message -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("chat_id", message.chatId());
            body.put("message_id", message.messageId());
            message(body, envelope);
            return OutboundRequest.postJson(method("editMessageText"), displayUrl("editMessageText"), body);
        });
    }

    /**
     * {@code answerCallbackQuery} for the press {@code target} names: who took the chat, shown only to
     * the presser; or, for an agent's reply from the chat, what became of it (a reaction, Chat Data's
     * reason) and the line saying how replies work ({@link TelegramNotices}).
     */
    @Override
    public Optional<OutboundRequest> formatNotice(Envelope envelope, String target) {
        Optional<com.fasterxml.jackson.databind.JsonNode> reply = TelegramNotices.read(target);
        if (reply.isPresent()) {
            return notices.render(reply.get());
        }
        return TelegramTakes.Press.read(target).map(press -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("callback_query_id", press.callbackQueryId());
            TelegramTakes.answer(envelope.escalation(), press.user()).ifPresent(text -> body.put("text", text));
            return OutboundRequest.postJson(method("answerCallbackQuery"), displayUrl("answerCallbackQuery"), body);
        });
    }

    /** The text, parse mode, link preview and (for an escalation) keyboard, for sending or editing. */
    private void message(ObjectNode body, Envelope envelope) {
        Summary summary = Summaries.of(envelope.event());
        body.put("text", text(summary, TelegramTakes.statusHtml(envelope.escalation()),
                envelope.templated(TemplateSyntax.MARKDOWN).map(TelegramHtml::render), envelope.plain()));
        body.put("parse_mode", "HTML");
        body.putObject("link_preview_options").put("is_disabled", true);
        TelegramTakes.keyboard(envelope, summary, callbacks).ifPresent(markup -> body.set("reply_markup", markup));
    }

    private URI method(String name) {
        return URI.create(base + "/bot" + token + "/" + name);
    }

    /** The base is no secret: show all of it, and the method; never the token. */
    private String displayUrl(String name) {
        return base + "/bot" + Masking.MASK + "/" + name;
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

    /** {@code status}: HTML lines shown under the title (where a cut never reaches them), or empty. */
    static String text(Summary summary, String status, Optional<String> templated, boolean plain) {
        StringBuilder head = new StringBuilder();
        head.append("<b>").append(TelegramHtml.escape(summary.emoji() + " " + summary.title())).append("</b>\n");
        if (!status.isEmpty()) {
            head.append(status).append("\n\n");
        }
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
