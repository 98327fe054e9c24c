package io.chatrelay.platform.email;

import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.MessageTemplate;
import io.chatrelay.render.Digest;
import io.chatrelay.render.Summaries;
import io.chatrelay.render.Summary;
import io.chatrelay.render.TemplateSyntax;
import io.chatrelay.render.Text;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One mail per event: text and HTML together ({@code multipart/alternative}; every event value
 * escaped in the HTML, visitor text as typed), a subject per event, the live-chat link as a button,
 * a {@code Message-ID} that is the same on every retry of a delivery, and {@code In-Reply-To} /
 * {@code References} to the conversation's first mail so clients show one thread. Built with
 * Jakarta Mail, which encodes non-ASCII headers (RFC 2047) and folds long ones; nothing from an
 * event reaches a header with a line break. Pure: no I/O, the time and ids come from the envelope.
 */
public final class EmailFormatter implements Formatter {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final int SUBJECT = 150;

    private final EmailConfig destination;
    private final InternetAddress from;
    private final List<MessageTemplate> to;
    private final Optional<MessageTemplate> subject;
    private final URI smtp;
    private final String shown;

    public EmailFormatter(EmailConfig destination) {
        this.destination = destination;
        try {
            this.from = new InternetAddress(destination.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("from is not an address: " + e.getMessage(), e);
        }
        this.to = destination.to().stream().map(MessageTemplate::new).toList();
        this.subject = destination.subject().map(MessageTemplate::new);
        EmailConfig.Smtp server = destination.smtp();
        String userInfo = server.username().map(u -> u + ":" + server.password().map(p -> p.reveal()).orElse(""))
                .orElse(null);
        try {
            this.smtp = new URI("smtp", userInfo, server.host(), server.port(), null, "tls=" + server.tls()
                    + server.caFile().map(file -> "&ca_file=" + file).orElse(""), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("smtp.host is not a host name: " + e.getMessage(), e);
        }
        this.shown = "smtp://" + server.host() + ":" + server.port() + " (tls: " + server.tls()
                + server.caFile().map(file -> ", trusting " + file).orElse("")
                + server.username().map(u -> ", as " + u).orElse("") + ")";
    }

    @Override
    public boolean threadsConversations() {
        return true;
    }

    @Override
    public OutboundRequest format(Envelope envelope) {
        Summary summary = Summaries.of(envelope.event());
        String messageId = messageId(envelope);
        try {
            MimeMessage mail = new FixedIdMessage(SESSION, messageId);
            mail.setFrom(from);
            mail.setRecipients(jakarta.mail.Message.RecipientType.TO, recipients(envelope).toArray(InternetAddress[]::new));
            mail.setSubject(subject(summary, envelope), "UTF-8");
            mail.setSentDate(Date.from(envelope.now()));
            envelope.threadId().ifPresent(first -> {
                try {
                    mail.setHeader("In-Reply-To", first);
                    mail.setHeader("References", first);
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            });
            mail.setHeader("X-Chat-Data-Event", safe(envelope.raw().type()));
            mail.setContent(body(summary, envelope));
            mail.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            mail.writeTo(bytes);
            String conversation = envelope.event().conversationId();
            Optional<OutboundRequest.ThreadCapture> capture = envelope.threadId().isEmpty() && conversation != null
                    ? Optional.of(OutboundRequest.ThreadCapture.known(conversation, messageId)) : Optional.empty();
            return new OutboundRequest("SMTP", smtp, shown, Map.of("Content-Type", "message/rfc822"), bytes.toByteArray())
                    .capturingThread(capture);
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("cannot build the mail: " + e.getMessage(), e);
        }
    }

    /** A digest: one mail (never in a conversation's thread), the lines as an HTML table and as text. */
    @Override
    public OutboundRequest formatDigest(Digest digest, Envelope envelope) {
        try {
            MimeMessage mail = new FixedIdMessage(SESSION, messageId(envelope));
            mail.setFrom(from);
            mail.setRecipients(jakarta.mail.Message.RecipientType.TO, recipients(envelope).toArray(InternetAddress[]::new));
            mail.setSubject(Text.truncate(digest.title(), SUBJECT), "UTF-8");
            mail.setSentDate(Date.from(envelope.now()));
            mail.setHeader("X-Chat-Data-Event", "digest");
            MimeMultipart alternative = new FixedBoundaryMultipart("alternative", boundary(envelope));
            MimeBodyPart text = new MimeBodyPart();
            text.setText(EmailBody.digestText(digest), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(EmailBody.digestHtml(digest), "UTF-8", "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            mail.setContent(alternative);
            mail.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            mail.writeTo(bytes);
            return new OutboundRequest("SMTP", smtp, shown, Map.of("Content-Type", "message/rfc822"), bytes.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("cannot build the mail: " + e.getMessage(), e);
        }
    }

    /**
     * Every {@code to} entry rendered for this event, each address once (compared without case:
     * {@code {{notification_email}}} often names one listed too); one that renders empty or not as an
     * address fails the delivery.
     */
    private List<InternetAddress> recipients(Envelope envelope) {
        List<InternetAddress> addresses = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < to.size(); i++) {
            String rendered = to.get(i).render(envelope.event(), envelope.raw().id(), TemplateSyntax.PLAIN).strip();
            if (rendered.isEmpty()) {
                continue;
            }
            try {
                InternetAddress address = new InternetAddress(rendered, true);
                if (rendered.contains("\n") || rendered.contains("\r") || address.getAddress().indexOf('@') < 1) {
                    throw new AddressException("no user@domain");
                }
                if (seen.add(address.getAddress().toLowerCase(java.util.Locale.ROOT))) {
                    addresses.add(address);
                }
            } catch (AddressException e) {
                throw new IllegalArgumentException("to '" + destination.to().get(i) + "' renders '"
                        + Text.truncate(Text.oneLine(rendered), 80) + "', which is not an email address");
            }
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("to " + destination.to() + " renders no address for this "
                    + envelope.raw().type() + " event");
        }
        return addresses;
    }

    private String subject(Summary summary, Envelope envelope) {
        String text = subject.map(t -> t.render(envelope.event(), envelope.raw().id(), TemplateSyntax.PLAIN))
                .orElseGet(() -> summary.title() + ": " + summary.line());
        String line = Text.oneLine(text); // no CR or LF from an event ever reaches a header
        return Text.truncate(line.isEmpty() ? summary.title() : line, SUBJECT);
    }

    private static MimeMultipart body(Summary summary, Envelope envelope) throws MessagingException {
        MimeMultipart alternative = new FixedBoundaryMultipart("alternative", boundary(envelope));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(EmailBody.text(summary, envelope.templated(TemplateSyntax.PLAIN), envelope.escalation()), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(EmailBody.html(summary, envelope.templated(TemplateSyntax.MARKDOWN).map(EmailHtml::render),
                envelope.plain(), envelope.escalation()),
                "UTF-8", "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        return alternative;
    }

    /** The same for every attempt of a delivery, so a server or reader can tell a retry from a new mail. */
    private String messageId(Envelope envelope) {
        String domain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
        return "<" + safe(envelope.raw().id()) + "." + safe(envelope.deliveryId()) + ".relay@" + domain + ">";
    }

    private static String boundary(Envelope envelope) {
        return "=_chat-data-relay_" + safe(envelope.raw().id()) + "_" + safe(envelope.deliveryId());
    }

    private static String safe(String text) {
        String kept = text.replaceAll("[^A-Za-z0-9.-]", "");
        return kept.length() > 60 ? kept.substring(0, 60) : kept;
    }

    /** Keeps the Message-ID it is given instead of making up a random one on save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** A boundary derived from the delivery, so the same delivery always renders the same bytes. */
    private static final class FixedBoundaryMultipart extends MimeMultipart {
        FixedBoundaryMultipart(String subtype, String boundary) {
            super(subtype);
            this.contentType = "multipart/" + subtype + "; boundary=\"" + boundary + "\"";
        }
    }
}
