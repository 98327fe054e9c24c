package io.chatrelay.deliver;

import static io.chatrelay.store.StoreKit.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.DeliveryView;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store fails around a send: a failure before the send costs a retry, never a dead letter; a
 * failure after it never turns a message the platform took into a dead letter, and a short one
 * does not get it sent twice. The faults are made in the relay's real SQLite file from a second
 * connection.
 */
class StoreFaultsDuringDeliveryTest {

    private static final String SLACK_OK = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}";

    @TempDir
    Path dir;

    private Relay start(Sink slack) throws Exception {
        return Relay.start(RelayUnderTest.config(dir, """
                destinations:
                  support: {type: slack, token: xoxb-test-token, channel: C1, api_base_url: "%s", timeout: 1s}
                routes: [{name: all, to: [support]}]
                """.formatted(slack.url("/api"))));
    }

    private static void sql(Relay relay, String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(relay.config().store().url());
             Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA busy_timeout=5000");
            sql.execute(statement);
        }
    }

    private static List<DeliveryView> deliveries(Relay relay) {
        try (Store store = Store.openForTools(relay.config().store())) {
            return list(store.history(), Optional.empty(), 10);
        }
    }

    @Test
    void aMessageWhoseThreadCannotBeSavedStaysDelivered() throws Exception {
        try (Sink slack = Sink.ok(); LogCapture log = new LogCapture()) {
            slack.alwaysAnswer(Sink.status(200, SLACK_OK));
            try (Relay relay = start(slack)) {
                sql(relay, "CREATE TRIGGER no_threads BEFORE INSERT ON threads BEGIN SELECT RAISE(ABORT, 'disk full'); END");

                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("chat"));
                slack.take();
                Eventually.holds("the outcome is recorded", () -> relay.pendingDeliveries() == 0);

                assertThat(deliveries(relay)).singleElement().satisfies(delivery -> {
                    assertThat(delivery.status()).as("Slack took it: not a dead letter to replay")
                            .isEqualTo(DeliveryStatus.DELIVERED);
                    assertThat(delivery.attempts()).isEqualTo(1);
                });
                assertThat(log.text()).contains("its thread was not saved");
                assertThat(slack.requestCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void aPauseTheStoreCannotShareCostsAWarningNotTheOutcome() throws Exception {
        try (Sink slack = Sink.ok(); LogCapture log = new LogCapture()) {
            slack.alwaysAnswer(Sink.status(200, SLACK_OK));
            slack.then(new mockwebserver3.MockResponse.Builder().code(429).addHeader("Retry-After", "1")
                    .body("{\"ok\":false,\"error\":\"ratelimited\"}").build());
            try (Relay relay = start(slack)) {
                sql(relay, "CREATE TRIGGER no_pauses BEFORE INSERT ON pauses BEGIN SELECT RAISE(ABORT, 'disk full'); END");

                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("chat"));
                slack.take();
                Eventually.holds("the retry is recorded", () -> log.text().contains("retry event="));

                assertThat(log.text()).contains("destination=support paused here until")
                        .contains("but the other replicas were not told");
                assertThat(deliveries(relay)).singleElement().satisfies(delivery -> {
                    assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
                    assertThat(delivery.attempts()).as("the 429 is counted").isEqualTo(1);
                });
                assertThat(slack.take(Duration.ofSeconds(10))).as("sent again after Retry-After").isNotNull();
                Eventually.holds("delivered", () -> relay.pendingDeliveries() == 0);
                assertThat(deliveries(relay)).singleElement().satisfies(delivery -> {
                    assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
                    assertThat(delivery.attempts()).isEqualTo(2);
                });
            }
        }
    }

    @Test
    void aStoreFailureBeforeTheSendSendsNothingCountsNoAttemptAndTriesAgainWhenTheClaimLapses() throws Exception {
        try (Sink slack = Sink.ok(); LogCapture log = new LogCapture()) {
            slack.alwaysAnswer(Sink.status(200, SLACK_OK));
            try (Relay relay = start(slack)) {
                sql(relay, "ALTER TABLE threads RENAME TO threads_away");

                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("chat"));
                Eventually.holds("the failed lookup is logged", () -> log.text().contains("not sent event="));

                assertThat(slack.requestCount()).isZero();
                assertThat(deliveries(relay)).singleElement().satisfies(delivery -> {
                    assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
                    assertThat(delivery.attempts()).as("nothing was sent").isZero();
                });

                sql(relay, "ALTER TABLE threads_away RENAME TO threads");
                assertThat(slack.take(Duration.ofSeconds(15))).as("sent once the claim lapsed (7 s)").isNotNull();
                Eventually.holds("delivered", () -> relay.pendingDeliveries() == 0);
                assertThat(deliveries(relay)).singleElement().extracting(DeliveryView::attempts).isEqualTo(1);
            }
        }
    }

    @Test
    void anOutcomeTheStoreRefusesForAMomentIsRecordedWhenItRecoversWithoutSendingTwice() throws Exception {
        try (Sink slack = Sink.ok(); LogCapture log = new LogCapture()) {
            slack.alwaysAnswer(Sink.status(200, SLACK_OK));
            try (Relay relay = start(slack)) {
                sql(relay, "CREATE TRIGGER failover BEFORE UPDATE OF status ON deliveries "
                        + "BEGIN SELECT RAISE(ABORT, 'the database is failing over'); END");

                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("chat"));
                slack.take();
                Eventually.holds("the refused outcome is logged", () -> log.text().contains("recording its outcome failed"));
                sql(relay, "DROP TRIGGER failover");
                Eventually.holds("recorded", () -> relay.pendingDeliveries() == 0);

                assertThat(deliveries(relay)).singleElement().extracting(DeliveryView::status)
                        .isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(slack.requestCount()).as("not sent again after the claim lapsed").isEqualTo(1);
            }
        }
    }
}
