package io.chatrelay.platform.email;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A mail as its reader's mail app shows it: the headers a person reads, one a line (From, To, Cc,
 * Subject), then the plain-text part; for {@code demo}.
 */
final class EmailAsRead {

    private static final Session SESSION = Session.getInstance(new Properties());

    private EmailAsRead() {}

    static Optional<List<String>> lines(byte[] message) {
        try {
            MimeMessage mail = new MimeMessage(SESSION, new ByteArrayInputStream(message));
            List<String> lines = new ArrayList<>();
            header(lines, "From", mail.getFrom());
            header(lines, "To", mail.getRecipients(Message.RecipientType.TO));
            header(lines, "Cc", mail.getRecipients(Message.RecipientType.CC));
            if (mail.getSubject() != null) {
                lines.add("Subject: " + mail.getSubject());
            }
            lines.add("");
            plainText(mail).ifPresent(lines::add);
            return Optional.of(lines);
        } catch (MessagingException | IOException notAMail) {
            return Optional.empty();
        }
    }

    private static void header(List<String> lines, String name, Address[] addresses) {
        if (addresses != null && addresses.length > 0) {
            lines.add(name + ": " + Arrays.stream(addresses).map(a -> a instanceof InternetAddress internet
                    ? internet.toUnicodeString() : a.toString()).collect(Collectors.joining(", ")));
        }
    }

    private static Optional<String> plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return Optional.of(String.valueOf(part.getContent()));
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<String> text = plainText(child);
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }
}
