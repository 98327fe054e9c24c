package io.chatrelay.platform.email;

import io.chatrelay.config.DestinationFields;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.RateLimit;
import io.chatrelay.config.Secret;
import io.chatrelay.config.WebhookUrls;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.platform.Outcome;
import io.chatrelay.platform.Platform;
import io.chatrelay.platform.StandIn;
import io.chatrelay.platform.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Email over SMTP: multipart text and HTML, one thread per conversation in mail clients. */
public final class EmailPlatform implements Platform<EmailConfig> {

    static final String TYPE = "email";
    private static final List<String> TLS = List.of("starttls", "implicit", "none");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<EmailConfig> configType() {
        return EmailConfig.class;
    }

    /** Mail providers limit submissions per minute; a few a second keeps well under any of them. */
    @Override
    public Optional<RateLimit> defaultRateLimit() {
        return Optional.of(new RateLimit(2, Duration.ofSeconds(1)));
    }

    @Override
    public Transport transport() {
        return Transport.SMTP;
    }

    @Override
    public Optional<EmailConfig> read(String name, DestinationFields fields, DestinationOptions options) {
        Optional<EmailConfig.Smtp> smtp = smtp(fields.mapping("smtp"));
        Optional<String> from = fields.requiredString("from").map(String::trim);
        from.ifPresent(address -> address(fields, "from", address));
        List<String> to = fields.strings("to");
        if (to.isEmpty()) {
            fields.problem("to", "is required: addresses or templates, e.g. [\"support@example.com\", \"{{notification_email}}\"]");
        }
        for (String recipient : to) {
            if (recipient.contains("{{")) {
                fields.template("to", recipient);
            } else {
                address(fields, "to", recipient.trim());
            }
        }
        Optional<String> subject = fields.string("subject").filter(s -> !s.isBlank());
        subject.ifPresent(s -> fields.template("subject", s));
        if (smtp.isEmpty() || from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EmailConfig(name, smtp.get(), from.get(), to, subject, options));
    }

    private static Optional<EmailConfig.Smtp> smtp(DestinationFields smtp) {
        Optional<String> host = smtp.requiredString("host").map(String::trim);
        String tls = smtp.choice("tls", TLS).filter(s -> !s.isBlank()).orElse("starttls").trim();
        if (!TLS.contains(tls)) {
            smtp.problem("tls", "must be starttls (port 587), implicit (port 465) or none, got '" + tls + "'");
        }
        int port = (int) smtp.number("port", tls.equals("implicit") ? 465 : tls.equals("none") ? 25 : 587, 1, 65_535);
        Optional<String> username = smtp.string("username").filter(s -> !s.isBlank());
        Optional<Secret> password = smtp.secret("password");
        if (username.isPresent() != password.isPresent()) {
            smtp.problem(username.isPresent() ? "password" : "username", "is required with "
                    + (username.isPresent() ? "username" : "password"));
        }
        if (tls.equals("none") && password.isPresent()) {
            smtp.warn("password", "crosses the network in clear with tls: none: anyone on the way can read it; "
                    + "use tls: starttls (port 587) or implicit (port 465)");
        }
        Optional<Path> caFile = smtp.string("ca_file").filter(s -> !s.isBlank()).map(s -> Path.of(s.trim()));
        caFile.ifPresent(file -> {
            if (tls.equals("none")) {
                smtp.problem("ca_file", "needs tls: starttls or implicit: with tls: none nothing is encrypted or checked");
            }
            TrustedCertificates.problem(file).ifPresent(problem -> smtp.problem("ca_file", problem));
        });
        smtp.finish();
        return host.map(h -> new EmailConfig.Smtp(h, port, username, password, tls, caFile));
    }

    private static void address(DestinationFields fields, String key, String address) {
        try {
            new InternetAddress(address, true);
            if (!address.contains("@")) {
                throw new AddressException("no @");
            }
        } catch (AddressException e) {
            fields.problem(key, "'" + address + "' is not an email address (like support@example.com or "
                    + "\"Support <support@example.com>\")");
        }
    }

    /** A local SMTP server without TLS or AUTH plays the mail provider. */
    @Override
    public Optional<EmailConfig> standIn(EmailConfig d, StandIn at) {
        return Optional.of(new EmailConfig(d.name(), new EmailConfig.Smtp("127.0.0.1", at.smtpPort().getAsInt(),
                Optional.empty(), Optional.empty(), "none", Optional.empty()), d.from(), d.to(), d.subject(), d.options()));
    }

    @Override
    public String displayName() {
        return "Email";
    }

    @Override
    public WebhookUrls webhookUrls() {
        return WebhookUrls.NONE;
    }

    /** The mail as its reader's mail app shows it: From, To, Cc and Subject one a line, then its text. */
    @Override
    public Optional<List<String>> asRead(byte[] body) {
        return EmailAsRead.lines(body);
    }

    @Override
    public Answer standInAnswer(String path, Map<String, String> query) {
        return new Answer(404, Map.of(), ""); // mail goes to the stand-in's SMTP server
    }

    @Override
    public Formatter formatter(EmailConfig destination) {
        return new EmailFormatter(destination);
    }

    /** SMTP replies: 2xx accepted; 4xx try again later (greylisting is common); 5xx dead with the server's words. */
    @Override
    public Outcome classify(OutboundRequest request, Answer answer, Instant now) {
        String reason = "SMTP " + answer.body().strip().replaceAll("\\s+", " ");
        if (answer.status() >= 200 && answer.status() < 400) {
            return new Outcome.Delivered(answer.status());
        }
        if (answer.status() >= 400 && answer.status() < 500) {
            return new Outcome.Retry(answer.status(), reason, Optional.empty());
        }
        return new Outcome.Dead(answer.status(), reason);
    }
}
