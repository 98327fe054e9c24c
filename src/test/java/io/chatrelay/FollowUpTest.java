package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.StoreConfig;
import io.chatrelay.platform.Platforms;
import io.chatrelay.store.Claims;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.DeliveryView;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.Postgres;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route's {@code unclaimed} follow-up end to end, with an injected clock: an escalation nobody
 * takes within {@code after} goes to the next destinations exactly once, across a restart; one
 * taken first, or whose visitor left, goes nowhere else, and its story says why.
 */
class FollowUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    private RelayConfig config(Sink support, Sink onCall, String storeUrl) throws Exception {
        return Platforms.loader(Map.of()).parse("""
                server: {port: 0}
                store: {url: "%s"}
                chat_data: {signing_secrets: ["%s"]}
                admin: {token: admin-token}
                destinations:
                  support: {type: webhook, url: "%s"}
                  on-call: {type: webhook, url: "%s"}
                routes:
                  - name: escalations
                    match: {event: live-chat-escalation}
                    to: [support]
                    unclaimed: {after: 5m, to: [on-call]}
                """.formatted(storeUrl, RelayUnderTest.SECRET, support.url("/support"), onCall.url("/on-call")));
    }

    private String sqlite() {
        return "jdbc:sqlite:" + dir.resolve("relay.db");
    }

    private String post(Relay relay, String fixture) throws Exception {
        Http.Reply reply = Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes(fixture));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body()).get("id").asText();
    }

    private static JsonNode story(Relay relay, String id) throws Exception {
        return JSON.readTree(Http.execute(new okhttp3.Request.Builder()
                .url("http://127.0.0.1:" + relay.port() + "/admin/events/" + id)
                .header("Authorization", "Bearer admin-token").build()).body());
    }

    @Test
    void anEscalationNobodyTookGoesToTheFollowUpOnceItsTimeHasComeAcrossARestart() throws Exception {
        try (Sink support = Sink.ok(); Sink onCall = Sink.ok()) {
            RelayConfig config = config(support, onCall, sqlite());
            String id;
            try (Relay first = Relay.start(config, clock)) {
                id = post(first, "live-chat-escalation");
                support.take();
                Eventually.holds("only the follow-up waits", () -> first.pendingDeliveries() == 1);
                clock.advance(Duration.ofMinutes(4));
            }
            try (Relay second = Relay.start(config, clock)) {
                assertThat(onCall.requestCount()).as("not before its time").isZero();
                clock.advance(Duration.ofMinutes(1));

                assertThat(onCall.take().getBody().utf8()).contains("dbf24043-83a6-47fb-b241-9865de3877c9");
                Eventually.holds("the follow-up recorded", () -> second.pendingDeliveries() == 0);
                clock.advance(Duration.ofMinutes(10));
                assertThat(second.pendingDeliveries()).isZero();
                assertThat(onCall.requestCount()).isEqualTo(1);
                assertThat(Http.get(second.port(), "/metrics").body())
                        .contains("chatrelay_followups_total{outcome=\"sent\"} 1.0");
                assertThat(story(second, id).path("deliveries").toString()).contains("on-call");
            }
        }
    }

    @Test
    void anEscalationTakenBeforeItsTimeSendsNoFollowUpAndItsStorySaysWhy() throws Exception {
        String url = Postgres.freshDatabase();
        try (Sink support = Sink.ok(); Sink onCall = Sink.ok();
             Relay relay = Relay.start(config(support, onCall, url), clock);
             Store replica = Store.open(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION))) {
            String id = post(relay, "live-chat-escalation");
            support.take();
            Eventually.holds("only the follow-up waits", () -> relay.pendingDeliveries() == 1);
            Instant pressed = clock.instant().plusSeconds(90);
            assertThat(replica.claims().take(new Claims.Press(id, "U1", "Ana", "support", pressed, Optional.empty(),
                    Optional.empty(), Optional.empty())).result()).isEqualTo(Claims.Result.TOOK);

            clock.advance(Duration.ofMinutes(5));

            Eventually.holds("the follow-up settled", () -> relay.pendingDeliveries() == 0);
            assertThat(onCall.requestCount()).isZero();
            DeliveryView followUp = replica.history().find(io.chatrelay.store.DeliveryFilter.newest(10)
                    .withDestination("on-call")).get(0);
            assertThat(followUp.status()).isEqualTo(DeliveryStatus.SKIPPED);
            assertThat(followUp.lastReason()).contains("taken by Ana at").contains("via support");
            // counted once its outcome is recorded, a moment after the store says it is settled
            Eventually.holds("the follow-up counted", () -> Http.get(relay.port(), "/metrics").body()
                    .contains("chatrelay_followups_total{outcome=\"taken\"} 1.0"));
        }
    }

    @Test
    void anEscalationWhoseVisitorLeftSendsNoFollowUp() throws Exception {
        try (Sink support = Sink.ok(); Sink onCall = Sink.ok();
             Relay relay = Relay.start(config(support, onCall, sqlite()), clock)) {
            post(relay, "live-chat-escalation");
            support.take();
            // its outcome recorded before the clock jumps past its lease, or it would rightly go again
            Eventually.holds("only the follow-up waits", () -> relay.pendingDeliveries() == 1);
            clock.advance(Duration.ofMinutes(2));
            post(relay, "user-offline");

            clock.advance(Duration.ofMinutes(3));

            Eventually.holds("the follow-up settled", () -> relay.pendingDeliveries() == 0);
            assertThat(onCall.requestCount()).isZero();
            // counted once its outcome is recorded, a moment after the store says it is settled
            Eventually.holds("the follow-up counted", () -> Http.get(relay.port(), "/metrics").body()
                    .contains("chatrelay_followups_total{outcome=\"left\"} 1.0"));
        }
    }
}
