package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.ConfigLoader;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.Sink;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Runs the relay through success and every kind of failure and checks no secret reaches a log line. */
class SecretsStayOutOfLogsTest {

    private static final String SIGNING_SECRET = "signing-SECRET-1a2b3c";
    private static final String SLACK_PATH = "/services/T0SECRET/B0SECRET/slackSECRETtoken123";
    private static final String DISCORD_PATH = "/api/webhooks/99887766/discordSECRETtoken456";
    private static final String CRM_TOKEN = "crmSECRETtoken789";

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void noSecretAppearsInAnyLogLineOrReply() throws Exception {
        try (MockWebServer echo = echoingServer(); Sink crm = Sink.ok(); LogCapture log = new LogCapture()) {
            int closedPort = freePort();
            crm.alwaysAnswer(Sink.status(401, "{\"message\":\"bad token Bearer " + CRM_TOKEN + "\"}"));
            String yaml = """
                    server: {port: 0}
                    store: {url: "jdbc:sqlite:%s"}
                    chat_data: {signing_secrets: ["${SIGNING}"]}
                    delivery: {max_attempts: 2, backoff: {initial: 10ms, max: 20ms}, timeout: 2s}
                    destinations:
                      slack: {type: slack, webhook_url: "%s"}
                      discord: {type: discord, webhook_url: "%s"}
                      down: {type: discord, webhook_url: "http://127.0.0.1:%d%s"}
                      nowhere: {type: slack, webhook_url: "http://no-such-host.invalid%s"}
                      crm: {type: webhook, url: "%s", headers: {Authorization: "Bearer %s"}}
                    routes:
                      - {name: all, to: [slack, discord, down, nowhere, crm]}
                    """.formatted(dir.resolve("relay.db"), echo.url(SLACK_PATH), echo.url(DISCORD_PATH), closedPort, DISCORD_PATH, SLACK_PATH,
                    crm.url("/hook"), CRM_TOKEN);
            Relay relay = Relay.start(new ConfigLoader(Map.of("SIGNING", SIGNING_SECRET)).parse(yaml));
            try {
                Http.Reply bad = Http.postSigned(relay.port(), "wrong", Fixtures.bytes("chat"));
                Http.Reply good = Http.postSigned(relay.port(), SIGNING_SECRET, Fixtures.bytes("live-chat-escalation"));

                Eventually.holds("every destination settled", java.time.Duration.ofSeconds(20),
                        () -> count(log.text(), "dead event=") == 5);
                assertThat(bad.body() + good.body()).doesNotContain("SECRET");
            } finally {
                relay.close();
            }
            String text = log.text();
            assertThat(text).contains("destination=down", "destination=nowhere", "network error");
            for (String secret : List.of(SIGNING_SECRET, "slackSECRETtoken123", "discordSECRETtoken456", CRM_TOKEN,
                    "T0SECRET", "99887766")) {
                assertThat(text).as("log must not contain " + secret).doesNotContain(secret);
            }
        }
    }

    /** Answers 404 with the request path in the body, as some servers do. */
    private static MockWebServer echoingServer() throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(404).body("no webhook at " + request.getUrl()).build();
            }
        });
        server.start(0);
        return server;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
