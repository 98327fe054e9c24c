package io.chatrelay.platform.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Email through a real SMTP server (GreenMail) with AUTH over implicit TLS. GreenMail has no
 * STARTTLS (greenmail-mail-test/greenmail#135): {@link StarttlsDeliveryTest} checks it against
 * SubEthaSMTP; here only that a server without it never gets the password.
 */
class EmailDeliveryTest {

    private static final String PASSWORD = "mailPASSWORD-77";

    @TempDir
    Path dir;

    private GreenMail mail;

    @BeforeAll
    static void trustGreenMailsTestCertificate() {
        System.setProperty("mail.smtps.ssl.trust", "127.0.0.1");
        System.setProperty("mail.smtps.ssl.checkserveridentity", "false");
    }

    @AfterAll
    static void forgetIt() {
        System.clearProperty("mail.smtps.ssl.trust");
        System.clearProperty("mail.smtps.ssl.checkserveridentity");
    }

    @BeforeEach
    void start() {
        mail = new GreenMail(new ServerSetup[] {server(ServerSetup.PROTOCOL_SMTPS), server(ServerSetup.PROTOCOL_SMTP)});
        mail.setUser("relay@example.com", "relay", PASSWORD);
        mail.start();
    }

    /** On a free loopback port; a busy machine may take more than GreenMail's default 2 s to open it. */
    private static ServerSetup server(String protocol) {
        ServerSetup setup = new ServerSetup(0, "127.0.0.1", protocol);
        setup.setServerStartupTimeout(20_000);
        return setup;
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    private Relay relay(String smtp, String to) throws Exception {
        return Relay.start(RelayUnderTest.config(dir, """
                delivery: {max_attempts: 2, backoff: {initial: 10ms, max: 20ms}, timeout: 5s}
                destinations:
                  support-mail:
                    type: email
                    smtp: %s
                    from: "Chat Data Relay <relay@example.com>"
                    to: %s
                    subject: "Live chat escalation: {{chatbot_display_name}}"
                routes:
                  - {name: all, to: [support-mail]}
                """.formatted(smtp, to)));
    }

    private String smtps(String password) {
        return "{host: 127.0.0.1, port: %d, tls: implicit, username: relay, password: \"%s\"}"
                .formatted(mail.getSmtps().getPort(), password);
    }

    @Test
    void sendsTextAndHtmlWithAuthOverTlsInOneThreadPerConversation() throws Exception {
        try (Relay relay = relay(smtps(PASSWORD), "[\"{{notification_email}}\", ops@example.com]")) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
            Eventually.holds("the first mail arrived", Duration.ofSeconds(10), () -> mail.getReceivedMessages().length == 2);
            Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                    RelayUnderTest.again(Fixtures.bytes("live-chat-escalation"), 1));
            Eventually.holds("the second mail arrived", Duration.ofSeconds(10), () -> mail.getReceivedMessages().length == 4);
        }

        MimeMessage first = java.util.Arrays.stream(mail.getReceivedMessages()).filter(m -> header(m, "In-Reply-To") == null)
                .findFirst().orElseThrow();
        MimeMessage second = java.util.Arrays.stream(mail.getReceivedMessages()).filter(m -> header(m, "In-Reply-To") != null)
                .findFirst().orElseThrow();
        assertThat(first.getSubject()).isEqualTo("Live chat escalation: Chatbot Display Name");
        assertThat(first.getAllRecipients()).extracting(Object::toString)
                .containsExactly("support@example.com", "ops@example.com");
        assertThat(first.isMimeType("multipart/alternative")).isTrue();
        Multipart parts = (Multipart) first.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).contains("Open live chat: https://www.chat-data.com/");
        assertThat(parts.getBodyPart(1).getContent().toString()).contains("Open live chat</a>");
        assertThat(first.getHeader("In-Reply-To")).isNull();
        assertThat(second.getMessageID()).isNotEqualTo(first.getMessageID());
        assertThat(second.getHeader("In-Reply-To")).containsExactly(first.getMessageID());
        assertThat(second.getHeader("References")).containsExactly(first.getMessageID());
    }

    private static String[] header(MimeMessage message, String name) {
        try {
            return message.getHeader(name);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRecipientTemplateThatRendersNothingIsDeadWithAClearReason() throws Exception {
        try (LogCapture log = new LogCapture(); Relay relay = relay(smtps(PASSWORD), "[\"{{notification_email}}\"]")) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("lead-submission"));

            Eventually.holds("the delivery is dead", () -> log.text().contains("dead event="));
            assertThat(log.text()).contains("renders no address for this lead-submission event");
        }
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRejectionIsDeadWithTheServersWordsAndThePasswordNeverShows() throws Exception {
        try (LogCapture log = new LogCapture(); Relay relay = relay(smtps("wrong-" + PASSWORD), "[ops@example.com]")) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));

            Eventually.holds("the delivery is dead", () -> log.text().contains("dead event="));
            assertThat(log.text()).contains("SMTP authentication failed: 535").doesNotContain("retry")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void starttlsIsRequiredSoAServerWithoutItNeverGetsThePassword() throws Exception {
        String plain = "{host: 127.0.0.1, port: %d, tls: starttls, username: relay, password: \"%s\"}"
                .formatted(mail.getSmtp().getPort(), PASSWORD);
        try (LogCapture log = new LogCapture(); Relay relay = relay(plain, "[ops@example.com]")) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));

            Eventually.holds("the delivery is dead", () -> log.text().contains("dead event="));
            assertThat(log.text()).contains("STARTTLS").doesNotContain(PASSWORD);
        }
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerIsRetried() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (LogCapture log = new LogCapture(); Relay relay = relay("{host: 127.0.0.1, port: " + closed + ", tls: none}",
                "[ops@example.com]")) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));

            Eventually.holds("the delivery is retried", () -> log.text().contains("retry event="));
            assertThat(log.text()).contains("network error");
        }
    }
}
