package io.chatrelay.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.Sink;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery over real HTTP: retries, permanent failures, and what each attempt logs. */
class DeliveryTest {

    private static final String SECRET = "s";
    private Sink slack;
    private Relay relay;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @BeforeEach
    void start() throws Exception {
        slack = Sink.ok();
        relay = Relay.start(Platforms.loader(Map.of()).parse("""
                server: {port: 0}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: [%s]}
                delivery: {max_attempts: 3, backoff: {initial: 10ms, max: 50ms}}
                destinations:
                  slack: {type: slack, webhook_url: "%s"}
                routes:
                  - {name: all, to: [slack]}
                """.formatted(dir.resolve("relay.db"), SECRET, slack.url("/services/T0/B0/SECRET"))));
    }

    @AfterEach
    void stop() {
        relay.close();
        slack.close();
    }

    @Test
    void retriesA5xxUntilItSucceeds() {
        slack.then(Sink.status(500, "rollup_error")).then(Sink.status(503, ""));

        try (LogCapture log = new LogCapture()) {
            assertThat(Http.postSigned(relay.port(), SECRET, Fixtures.bytes("live-chat-escalation")).status()).isEqualTo(200);

            String first = slack.take().getBody().utf8();
            String second = slack.take().getBody().utf8();
            String third = slack.take().getBody().utf8();
            assertThat(second).isEqualTo(first);
            assertThat(third).isEqualTo(first);
            io.chatrelay.testkit.Eventually.holds("delivered is logged", () -> log.text().contains("delivered event="));
            assertThat(log.text()).contains("after 500 rollup_error (attempt 1 of 3)", "after 503 (attempt 2 of 3)",
                    "status=200", "(attempt 3)");
        }
    }

    @Test
    void givesUpOnA404AfterOneAttempt() {
        slack.alwaysAnswer(Sink.status(404, "no_service"));

        try (LogCapture log = new LogCapture()) {
            Http.postSigned(relay.port(), SECRET, Fixtures.bytes("lead-submission"));

            slack.take();
            io.chatrelay.testkit.Eventually.holds("dead is logged", () -> log.text().contains("dead event="));
            assertThat(slack.poll(Duration.ofMillis(300))).isNull();
            assertThat(log.text()).contains("destination=slack delivery=1: 404 no_service (attempt 1 of 3)");
        }
    }

    @Test
    void givesUpAfterMaxAttempts() {
        slack.alwaysAnswer(Sink.status(502, "bad gateway"));

        try (LogCapture log = new LogCapture()) {
            Http.postSigned(relay.port(), SECRET, Fixtures.bytes("chat"));

            slack.take();
            slack.take();
            slack.take();
            io.chatrelay.testkit.Eventually.holds("dead is logged", () -> log.text().contains("dead event="));
            assertThat(slack.poll(Duration.ofMillis(300))).isNull();
            assertThat(log.text()).contains("502 bad gateway (attempt 3 of 3)");
        }
    }

    @Test
    void retriesWhenTheDestinationDoesNotAnswer() {
        slack.then(new MockResponse.Builder().onResponseStart(new mockwebserver3.SocketEffect.CloseSocket()).build());

        Http.postSigned(relay.port(), SECRET, Fixtures.bytes("chat"));

        slack.take();
        assertThat(slack.take()).isNotNull();
    }
}
