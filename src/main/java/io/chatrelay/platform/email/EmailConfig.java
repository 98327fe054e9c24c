package io.chatrelay.platform.email;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code type: email}: an SMTP server ({@code tls}: {@code starttls}, {@code implicit} or {@code none}),
 * the sender, the recipients (addresses or templates like {@code {{notification_email}}}) and an
 * optional subject template.
 */
public record EmailConfig(String name, Smtp smtp, String from, List<String> to, Optional<String> subject,
                          DestinationOptions options) implements DestinationConfig {

    /**
     * Where and how to submit mail. {@code caFile}: a PEM file with the certificates to trust for this
     * server instead of the JVM's trust store (a private CA, or the server's own self-signed
     * certificate); either way the certificate must also name {@code host}.
     */
    public record Smtp(String host, int port, Optional<String> username, Optional<Secret> password, String tls,
                       Optional<Path> caFile) {}

    public EmailConfig {
        to = List.copyOf(to);
    }

    @Override
    public String type() {
        return EmailPlatform.TYPE;
    }

    @Override
    public List<Secret> secrets() {
        List<Secret> secrets = new ArrayList<>();
        smtp.password().ifPresent(secrets::add);
        return secrets;
    }
}
