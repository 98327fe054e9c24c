package io.chatrelay.platform.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * {@code tls: starttls} against a real SMTP server with STARTTLS and AUTH (SubEthaSMTP), with a
 * certificate made for the test by its own CA: the password only ever travels inside TLS, a server
 * that does not offer STARTTLS is refused rather than spoken to in the clear, and the certificate
 * must be trusted ({@code ca_file}) and name the host.
 */
class StarttlsDeliveryTest {

    private static final String PASSWORD = "mailPASSWORD-starttls-91";
    private static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("Relay Test CA").build();

    @TempDir
    Path dir;

    /** For each AUTH the server got: whether TLS was already up. */
    private final List<Boolean> logins = new CopyOnWriteArrayList<>();
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private SMTPServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /**
     * A submission server on loopback that offers AUTH even before STARTTLS, as some do, so a client
     * that sent its password early would be let in; {@code starttls}: whether it offers STARTTLS.
     */
    private int server(boolean starttls, String certifiedName) {
        HeldCertificate certificate = new HeldCertificate.Builder().signedBy(CA).addSubjectAlternativeName(certifiedName)
                .build();
        HandshakeCertificates tls = new HandshakeCertificates.Builder().heldCertificate(certificate, CA.certificate())
                .build();
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("127.0.0.1")
                .messageHandler((context, from, to, data) -> received.add(data))
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    logins.add(((Session) context).isTLSStarted());
                    if (!"relay".equals(user) || !PASSWORD.equals(password)) {
                        throw new LoginFailedException();
                    }
                }))
                .enableTLS(starttls)
                .startTlsSocketFactory(tls.sslContext())
                .showAuthCapabilitiesBeforeSTARTTLS(true)
                .build();
        server.start();
        return server.getPortAllocated();
    }

    private Path caFile() throws Exception {
        Path file = dir.resolve("mail-ca.pem");
        Files.writeString(file, CA.certificatePem());
        return file;
    }

    private Relay relay(int port, String caFile) throws Exception {
        return Relay.start(RelayUnderTest.config(dir, """
                delivery: {max_attempts: 2, backoff: {initial: 10ms, max: 20ms}, timeout: 5s}
                destinations:
                  support-mail:
                    type: email
                    smtp: {host: 127.0.0.1, port: %d, tls: starttls, username: relay, password: "%s"%s}
                    from: "Chat Data Relay <relay@example.com>"
                    to: [ops@example.com]
                routes:
                  - {name: all, to: [support-mail]}
                """.formatted(port, PASSWORD, caFile == null ? "" : ", ca_file: \"" + caFile + "\"")));
    }

    @Test
    void sendsOverStarttlsAndGivesThePasswordOnlyInsideTls() throws Exception {
        int port = server(true, "127.0.0.1");
        try (Relay relay = relay(port, caFile().toString())) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));

            Eventually.holds("the mail arrived", Duration.ofSeconds(10), () -> received.size() == 1);
        }
        assertThat(logins).containsExactly(true);
        assertThat(new String(received.get(0), java.nio.charset.StandardCharsets.UTF_8)).contains("To: ops@example.com");
    }

    @Test
    void aServerThatDoesNotOfferStarttlsIsRefusedNotDowngraded() throws Exception {
        int port = server(false, "127.0.0.1");
        try (LogCapture log = new LogCapture(); Relay relay = relay(port, caFile().toString())) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));

            Eventually.holds("the delivery is dead", () -> log.text().contains("dead event="));
            assertThat(log.text()).contains("STARTTLS").doesNotContain(PASSWORD);
        }
        assertThat(logins).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void aCertificateTheJvmDoesNotTrustIsRefusedWithoutCaFile() throws Exception {
        int port = server(true, "127.0.0.1");
        try (LogCapture log = new LogCapture(); Relay relay = relay(port, null)) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));

            Eventually.holds("both attempts failed", () -> log.text().contains("dead event="));
            assertThat(log.text()).contains("PKIX").doesNotContain(PASSWORD);
        }
        assertThat(logins).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        int port = server(true, "mail.example.com");
        try (LogCapture log = new LogCapture(); Relay relay = relay(port, caFile().toString())) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));

            Eventually.holds("both attempts failed", () -> log.text().contains("dead event="));
            assertThat(log.text()).contains("No subject alternative names matching IP address 127.0.0.1")
                    .doesNotContain(PASSWORD);
        }
        assertThat(logins).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void aCaFileThatHoldsNoCertificateStopsTheConfigAndSaysWhere() throws Exception {
        Path notPem = dir.resolve("key.txt");
        Files.writeString(notPem, "not a certificate\n");

        assertThatThrownBy(() -> io.chatrelay.platform.Platforms.loader(java.util.Map.of()).parse("""
                chat_data: {signing_secrets: [s]}
                destinations:
                  support-mail:
                    type: email
                    smtp: {host: smtp.example.com, ca_file: "%s"}
                    from: relay@example.com
                    to: [ops@example.com]
                routes: []
                """.formatted(notPem)))
                .hasMessageContaining("smtp.ca_file").hasMessageContaining("line 5").hasMessageContaining("PEM");
    }
}
