package io.chatrelay.platform.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.DestinationOptions;
import io.chatrelay.platform.FormatterFixtures;
import io.chatrelay.testkit.Fixtures;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EmailRecipientsTest {

    @Test
    void anAddressListedTwiceOrRenderedAgainGetsOneCopy() throws Exception {
        EmailConfig destination = new EmailConfig("mail", new EmailConfig.Smtp("smtp.example.com", 587, Optional.empty(),
                Optional.empty(), "starttls", Optional.empty()), "relay@example.com",
                List.of("{{notification_email}}", "Support@Example.com", "ops@example.com", "OPS@example.com"),
                Optional.empty(), new DestinationOptions(Optional.empty(), Optional.empty(), Optional.empty()));

        byte[] mail = new EmailFormatter(destination)
                .format(FormatterFixtures.envelope(Fixtures.bytes("live-chat-escalation"))).body();

        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail));
        assertThat(message.getAllRecipients()).extracting(Object::toString)
                .containsExactly("support@example.com", "ops@example.com");
    }
}
