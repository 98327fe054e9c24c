package io.chatrelay.ingest;

import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.Message;
import io.chatrelay.platform.EscalationState;
import io.chatrelay.render.Summaries;
import io.chatrelay.render.Summary;
import io.chatrelay.render.Text;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The claim page's HTML: self-contained (no script, no external asset), every value from an event
 * or a person escaped. The summary is the one every platform shows ({@link Summaries}), cut down to
 * what a person needs to decide: the chatbot, the visitor, their last message.
 */
final class ClaimPageHtml {

    /** The facts of the summary that the page shows. */
    private static final Set<String> SHOWN = Set.of("Chatbot", "Name", "Email");
    private static final int LAST_MESSAGE_CHARS = 600;

    private ClaimPageHtml() {}

    /** The form: the escalation's summary, a field {@code name} filled with {@code name}, one button. */
    static String form(ChatDataEvent.LiveChatEscalation escalation, String name, Optional<String> note) {
        StringBuilder body = summary(escalation);
        note.ifPresent(text -> body.append("<p class=\"note\">").append(escape(text)).append("</p>\n"));
        body.append("""
                <form method="post">
                <label for="name">Your name</label>
                <input id="name" name="name" maxlength="80" required autocomplete="name" value="%s">
                <button type="submit">Take this chat</button>
                </form>
                """.formatted(escape(name)));
        return page("Take this chat", body.toString());
    }

    /** Taken already: by whom and when, and the way to the live chat. */
    static String taken(ChatDataEvent.LiveChatEscalation escalation, String line) {
        StringBuilder body = summary(escalation);
        body.append("<p class=\"taken\">").append(escape(line)).append("</p>\n");
        link(escalation).ifPresent(link -> body.append("<p><a href=\"").append(escape(link.url())).append("\">")
                .append(escape(link.label())).append("</a></p>\n"));
        return page("Taken", body.toString());
    }

    /** A page that only says {@code message} (not found, bad input, store down). */
    static String message(String title, String message) {
        return page(title, "<h1>" + escape(title) + "</h1>\n<p>" + escape(message) + "</p>\n");
    }

    /** "Ana took this chat at 14:02 UTC". */
    static String takenLine(String by, java.time.Instant at) {
        return by + " took this chat at " + EscalationState.clock(at);
    }

    private static StringBuilder summary(ChatDataEvent.LiveChatEscalation escalation) {
        Summary summary = Summaries.of(escalation);
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(escape(summary.emoji() + " " + summary.title())).append("</h1>\n");
        body.append("<p>").append(escape(summary.line())).append("</p>\n<dl>\n");
        for (Summary.Fact fact : summary.facts()) {
            if (SHOWN.contains(fact.label())) {
                body.append("<dt>").append(escape(fact.label())).append("</dt><dd>").append(escape(fact.value()))
                        .append("</dd>\n");
            }
        }
        body.append("</dl>\n");
        lastFromVisitor(summary.transcript()).ifPresent(last -> body.append("<blockquote>")
                .append(escape(Text.truncate(last, LAST_MESSAGE_CHARS))).append("</blockquote>\n"));
        return body;
    }

    private static Optional<Summary.Link> link(ChatDataEvent.LiveChatEscalation escalation) {
        return Summaries.of(escalation).link();
    }

    private static Optional<String> lastFromVisitor(List<Message> transcript) {
        for (int i = transcript.size() - 1; i >= 0; i--) {
            Message message = transcript.get(i);
            if (message.fromUser() && message.content() != null && !message.content().isBlank()) {
                return Optional.of(message.content());
            }
        }
        return Optional.empty();
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex">
                <title>%s</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1d1c1d}
                h1{font-size:1.3rem}dt{font-weight:600;float:left;clear:left;width:6rem}dd{margin:0 0 .3rem 6.5rem}
                blockquote{border-left:3px solid #ccc;margin:1rem 0;padding:.2rem .8rem;white-space:pre-wrap}
                label{display:block;margin:1rem 0 .3rem}input{font-size:1rem;padding:.4rem;width:100%%;box-sizing:border-box}
                button{margin-top:.8rem;font-size:1rem;padding:.5rem 1.2rem;background:#2eb67d;color:#fff;border:0;border-radius:4px}
                .taken{font-weight:600}.note{color:#555}
                </style>
                </head>
                <body>
                %s</body>
                </html>
                """.formatted(escape(title), body);
    }

    static String escape(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
