package io.chatrelay.platform.email;

import io.chatrelay.event.Message;
import io.chatrelay.platform.EscalationState;
import io.chatrelay.render.Digest;
import io.chatrelay.render.DigestLine;
import io.chatrelay.render.Summary;
import io.chatrelay.render.Text;
import io.chatrelay.render.Transcript;
import java.util.Optional;

/** The two renderings of one event in a mail: plain text, and HTML with every event value escaped. */
final class EmailBody {

    private static final int TRANSCRIPT = 8_000;
    private static final int FACT = 1_000;
    private static final String BUTTON = "display:inline-block;padding:10px 18px;background:#1a73e8;color:#ffffff;"
            + "border-radius:4px;text-decoration:none;font-weight:bold";

    private static final String TAKE_BUTTON = BUTTON.replace("#1a73e8", "#188038");
    private static final String TAKE = "Take this chat";

    private EmailBody() {}

    /** The claim page's link, while the escalation can be taken: a mail cannot call the relay back. */
    private static Optional<String> takeLink(EscalationState state) {
        return state.takeable() ? state.claimLink().map(java.net.URI::toASCIIString) : Optional.empty();
    }

    /**
     * The text part; an escalation's {@code state} adds its status lines ("🙋 Taken by Ana at 14:02 UTC")
     * under the title and, while it can be taken, the claim page's link before the live chat's.
     */
    static String text(Summary summary, Optional<String> templated, EscalationState state) {
        StringBuilder out = new StringBuilder();
        out.append(summary.emoji()).append(' ').append(summary.title()).append("\n\n");
        state.statusLines().forEach(line -> out.append(line).append('\n'));
        out.append(templated.orElse(summary.line())).append('\n');
        if (!summary.facts().isEmpty()) {
            out.append('\n');
        }
        for (Summary.Fact fact : summary.facts()) {
            out.append(Text.oneLine(fact.label())).append(": ").append(Text.truncate(fact.value(), FACT)).append('\n');
        }
        takeLink(state).ifPresent(link -> out.append('\n').append(TAKE).append(": ").append(link).append('\n'));
        summary.link().ifPresent(link -> out.append('\n').append(link.label()).append(": ").append(link.url()).append('\n'));
        if (!summary.transcript().isEmpty()) {
            out.append("\nTranscript\n\n").append(Transcript.render(summary.transcript(), TRANSCRIPT,
                    m -> (m.fromUser() ? "Visitor: " : "Bot: ") + m.content())).append('\n');
        }
        return out.toString();
    }

    /** The HTML part: as {@link #text}, every value escaped, the links as buttons. */
    static String html(Summary summary, Optional<String> templatedHtml, boolean plain, EscalationState state) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n");
        out.append("<h2>").append(EmailHtml.escape(summary.emoji() + " " + summary.title())).append("</h2>\n");
        state.statusLines().forEach(line -> out.append("<p><strong>").append(EmailHtml.escape(line))
                .append("</strong></p>\n"));
        out.append("<p>").append(templatedHtml.orElseGet(() -> EmailHtml.escape(summary.line()))).append("</p>\n");
        Optional<String> take = takeLink(state);
        if (take.isPresent() || summary.link().isPresent()) {
            out.append("<p>");
            take.ifPresent(link -> out.append("<a href=\"").append(EmailHtml.escape(link)).append("\" style=\"")
                    .append(TAKE_BUTTON).append("\">").append(TAKE).append("</a> "));
            summary.link().ifPresent(link -> out.append("<a href=\"").append(EmailHtml.escape(link.url()))
                    .append("\" style=\"").append(BUTTON).append("\">").append(EmailHtml.escape(link.label()))
                    .append("</a>"));
            out.append("</p>\n");
        }
        if (!summary.facts().isEmpty()) {
            out.append("<table>\n");
            for (Summary.Fact fact : summary.facts()) {
                out.append("<tr><th align=\"left\">").append(EmailHtml.escape(Text.oneLine(fact.label())))
                        .append("</th><td>").append(EmailHtml.escape(Text.truncate(fact.value(), FACT))).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        if (!summary.transcript().isEmpty()) {
            out.append("<h3>Transcript</h3>\n<p>").append(Transcript.render(summary.transcript(), TRANSCRIPT,
                    m -> line(m, plain)).replaceAll("(?<!<br>)\n", "<br>\n")).append("</p>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    /** A digest as text: the title, a line per event, "+N more" with the console link. */
    static String digestText(Digest digest) {
        StringBuilder out = new StringBuilder(digest.title()).append("\n\n");
        digest.shown().forEach(line -> out.append(line.text()).append('\n'));
        if (digest.more() > 0) {
            out.append('\n').append(digest.moreText(digest.more())).append('\n');
        }
        return out.toString();
    }

    /** A digest as HTML: a table with a row per line, every value escaped. */
    static String digestHtml(Digest digest) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n");
        out.append("<h2>").append(EmailHtml.escape(digest.title())).append("</h2>\n<table>\n");
        out.append("<tr><th align=\"left\">Time</th><th align=\"left\">Chatbot</th><th align=\"left\">Who</th>"
                + "<th align=\"left\">What</th></tr>\n");
        for (DigestLine line : digest.shown()) {
            out.append("<tr><td>").append(EmailHtml.escape(line.time())).append("</td><td>")
                    .append(EmailHtml.escape(line.chatbot())).append("</td><td>").append(EmailHtml.escape(line.who()))
                    .append("</td><td>").append(EmailHtml.escape(line.words())).append("</td></tr>\n");
        }
        out.append("</table>\n");
        if (digest.more() > 0) {
            out.append("<p>").append(EmailHtml.escape(digest.moreText(digest.more()))).append("</p>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    /** The visitor's words as typed; the bot's answers with their Markdown as HTML, unless rendered plain. */
    private static String line(Message message, boolean plain) {
        return message.fromUser() ? "<strong>Visitor:</strong> " + EmailHtml.escape(message.content())
                : "<strong>Bot:</strong> " + (plain ? EmailHtml.escape(message.content()) : EmailHtml.render(message.content()));
    }
}
