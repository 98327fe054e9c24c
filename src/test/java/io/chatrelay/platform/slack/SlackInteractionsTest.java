package io.chatrelay.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A take button pressed in Slack, end to end over real HTTP: the escalation posted with the
 * button, Slack's signed press at {@code /slack/interactions}, the message edited everywhere it
 * can be and the presser answered only to them; forged, stale and malformed requests refused.
 */
class SlackInteractionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNING = "slack-app-signing-secret";
    private static final String ADMIN = "admin-token";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    private Relay relay(SlackStandIn slack, String destination) throws Exception {
        clock.set("2026-11-24T14:02:10Z");
        return Relay.start(config(destination), clock);
    }

    private io.chatrelay.config.RelayConfig config(String destination) throws Exception {
        return RelayUnderTest.config(dir, """
                admin: {token: %s}
                destinations:
                  support-slack: %s
                routes:
                  - name: escalations
                    match: {event: live-chat-escalation}
                    to: [support-slack]
                """.formatted(ADMIN, destination));
    }

    private static String tokenMode(SlackStandIn slack, boolean signing) {
        return "{type: slack, token: " + SlackStandIn.TOKEN + ", channel: C0SUPPORT, api_base_url: \"" + slack.apiBase()
                + "\"" + (signing ? ", signing_secret: " + SIGNING : "") + "}";
    }

    private static String webhookMode(SlackStandIn slack) {
        return "{type: slack, webhook_url: \"" + slack.webhookUrl() + "\", signing_secret: " + SIGNING + "}";
    }

    /** Posts an escalation and waits for Slack to get it; returns the take button's value. */
    private String escalate(Relay relay, SlackStandIn slack, String endpoint) {
        Http.Reply accepted = Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        Eventually.holds("the escalation is posted", () -> slack.calls(endpoint).size() == 1);
        JsonNode take = slack.calls(endpoint).get(0).body().findParent("action_id");
        assertThat(take.path("text").path("text").asText()).isEqualTo("Take this chat");
        assertThat(take.path("action_id").asText()).isEqualTo("claim");
        return take.path("value").asText();
    }

    private Http.Reply press(Relay relay, String value, String user, String trigger, String responseUrl) {
        return SlackPresses.post(relay.port(), SIGNING, clock.instant().getEpochSecond(),
                SlackPresses.form(SlackPresses.payload("claim", value, user, trigger, responseUrl)));
    }

    private static String eventId(String value) throws Exception {
        return JSON.readTree(value).path("e").asText();
    }

    private static int deliveries(Relay relay, String eventId) throws Exception {
        return JSON.readTree(Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port()
                + "/admin/events/" + eventId).header("Authorization", "Bearer " + ADMIN).build()).body())
                .path("deliveries").size();
    }

    private static void settled(Relay relay) {
        Eventually.holds("every delivery settled", () -> relay.pendingDeliveries() == 0);
    }

    private static List<String> texts(List<SlackStandIn.Call> calls) {
        return calls.stream().map(c -> c.body().path("text").asText()).toList();
    }

    @Test
    void aPressEditsTheMessageAndAnswersTheWinnerThenALatePresserOnlyHearsWhoTookIt() throws Exception {
        try (LogCapture log = new LogCapture(); SlackStandIn slack = new SlackStandIn().user("U0ANA", "Ana");
             Relay relay = relay(slack, tokenMode(slack, true))) {
            String value = escalate(relay, slack, "postMessage");
            String anasUrl = slack.responseUrl();

            Http.Reply pressed = press(relay, value, "U0ANA", "trigger-ana", anasUrl);

            assertThat(pressed.status()).isEqualTo(200);
            assertThat(pressed.body()).isEmpty();
            Eventually.holds("the message is edited", () -> slack.calls("update").size() == 1);
            JsonNode update = slack.calls("update").get(0).body();
            assertThat(update.toString()).contains("🙋 Taken by Ana at 14:02 UTC").doesNotContain("Take this chat")
                    .contains("Open live chat");
            assertThat(update.path("ts").asText()).isEqualTo("1700000000.101");
            Eventually.holds("Ana is told", () -> texts(slack.calls("response")).contains("You took this chat."));
            settled(relay); // before time moves on: a send in flight would outlive its lease

            clock.advance(Duration.ofSeconds(30));
            int before = deliveries(relay, eventId(value));
            Http.Reply late = press(relay, value, "U0BEN", "trigger-ben", slack.responseUrl());

            assertThat(late.status()).isEqualTo(200);
            assertThat(deliveries(relay, eventId(value))).as("only Ben's answer is queued").isEqualTo(before + 1);
            Eventually.holds("Ben is told who took it", () -> texts(slack.calls("response"))
                    .contains("Ana took this chat at 14:02 UTC"));
            settled(relay);
            assertThat(slack.calls("update")).hasSize(1);
            assertThat(slack.calls("response")).hasSize(2)
                    .allSatisfy(c -> assertThat(c.body().path("response_type").asText()).isEqualTo("ephemeral"));
            assertThat(slack.userLookups()).as("Ana's name is asked once, Ben's once").isEqualTo(2);
            assertThat(slack.refused()).isEmpty();
            assertThat(log.text()).doesNotContain("RESPONSE-SECRET", SlackStandIn.TOKEN, SIGNING);
        }
    }

    @Test
    void theSamePressResentChangesNothing() throws Exception {
        try (SlackStandIn slack = new SlackStandIn().user("U0ANA", "Ana");
             Relay relay = relay(slack, tokenMode(slack, true))) {
            String value = escalate(relay, slack, "postMessage");
            byte[] form = SlackPresses.form(SlackPresses.payload("claim", value, "U0ANA", "trigger-1", slack.responseUrl()));
            assertThat(SlackPresses.post(relay.port(), SIGNING, clock.instant().getEpochSecond(), form).status())
                    .isEqualTo(200);
            int before = deliveries(relay, eventId(value));

            Http.Reply again = SlackPresses.post(relay.port(), SIGNING, clock.instant().getEpochSecond(), form);

            assertThat(again.status()).isEqualTo(200);
            assertThat(deliveries(relay, eventId(value))).isEqualTo(before);
            settled(relay);
            assertThat(slack.calls("update")).hasSize(1);
            assertThat(slack.calls("response")).hasSize(1);
        }
    }

    @Test
    void forgedAndStaleRequestsAreRefusedAndStoreNothing() throws Exception {
        try (LogCapture log = new LogCapture(); SlackStandIn slack = new SlackStandIn().user("U0ANA", "Ana");
             Relay relay = relay(slack, tokenMode(slack, true))) {
            String value = escalate(relay, slack, "postMessage");
            byte[] form = SlackPresses.form(SlackPresses.payload("claim", value, "U0ANA", "trigger-1", slack.responseUrl()));
            long now = clock.instant().getEpochSecond();
            int before = deliveries(relay, eventId(value));

            Http.Reply forged = SlackPresses.post(relay.port(), "not-the-secret", now, form);
            Http.Reply unsigned = SlackPresses.post(relay.port(), Long.toString(now), null, form);
            Http.Reply stale = SlackPresses.post(relay.port(), SIGNING, now - 301, form);
            byte[] other = SlackPresses.form(SlackPresses.payload("claim", value, "U0EVE", "trigger-2", slack.responseUrl()));
            Http.Reply swapped = SlackPresses.post(relay.port(), Long.toString(now),
                    SlackPresses.sign(SIGNING, now, form), other);

            assertThat(List.of(forged.status(), unsigned.status(), stale.status(), swapped.status()))
                    .containsOnly(401);
            assertThat(deliveries(relay, eventId(value))).isEqualTo(before);
            assertThat(Http.get(relay.port(), "/metrics").body())
                    .contains("chatrelay_requests_rejected_total{reason=\"slack_signature\"} 3.0")
                    .contains("chatrelay_requests_rejected_total{reason=\"slack_timestamp\"} 1.0");
            assertThat(log.text()).contains("the Slack signature matches no signing secret")
                    .contains("timestamped more than 5 minutes from now").doesNotContain(SIGNING);

            settled(relay);
            clock.advance(Duration.ofMinutes(6)); // the genuine request, held back past Slack's window
            assertThat(SlackPresses.post(relay.port(), SIGNING, now, form).status()).isEqualTo(401);
            assertThat(SlackPresses.post(relay.port(), SIGNING, clock.instant().getEpochSecond(), form).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aMalformedPayloadIs400AndAnUnknownActionIsAnsweredAndIgnored() throws Exception {
        try (SlackStandIn slack = new SlackStandIn(); Relay relay = relay(slack, tokenMode(slack, true))) {
            String value = escalate(relay, slack, "postMessage");
            long now = clock.instant().getEpochSecond();
            int before = deliveries(relay, eventId(value));

            Http.Reply notJson = SlackPresses.post(relay.port(), SIGNING, now, "payload=%7Bnot-json".getBytes(StandardCharsets.UTF_8));
            Http.Reply noPayload = SlackPresses.post(relay.port(), SIGNING, now, "other=1".getBytes(StandardCharsets.UTF_8));
            Http.Reply unknown = SlackPresses.post(relay.port(), SIGNING, now, SlackPresses.form(
                    SlackPresses.payload("open", value, "U0ANA", "trigger-3", slack.responseUrl())));
            Http.Reply otherDestination = SlackPresses.post(relay.port(), SIGNING, now, SlackPresses.form(
                    SlackPresses.payload("claim", value.replace("support-slack", "elsewhere"), "U0ANA", "trigger-4",
                            slack.responseUrl())));

            assertThat(notJson.status()).isEqualTo(400);
            assertThat(noPayload.status()).isEqualTo(400);
            assertThat(unknown.status()).isEqualTo(200);
            assertThat(otherDestination.status()).isEqualTo(200);
            assertThat(deliveries(relay, eventId(value))).isEqualTo(before);
        }
    }

    @Test
    void aPressTheStoreCannotKeepIsAnswered503() throws Exception {
        try (LogCapture log = new LogCapture(); SlackStandIn slack = new SlackStandIn().user("U0ANA", "Ana");
             Relay relay = relay(slack, tokenMode(slack, true))) {
            String value = escalate(relay, slack, "postMessage");
            settled(relay);
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                    + dir.resolve("relay.db")); java.sql.Statement sql = connection.createStatement()) {
                sql.execute("PRAGMA busy_timeout=5000");
                sql.execute("DROP TABLE inbound"); // every press is recorded there first: now none can be
            }

            Http.Reply pressed = press(relay, value, "U0ANA", "trigger-ana", slack.responseUrl());

            assertThat(pressed.status()).isEqualTo(503);
            assertThat(slack.calls("update")).isEmpty();
            assertThat(log.text()).contains("store unavailable, answered 503 for a Slack press");
        }
    }

    @Test
    void theEndpointExistsOnlyWhileASlackDestinationHasASigningSecret() throws Exception {
        try (SlackStandIn slack = new SlackStandIn(); Relay relay = relay(slack, tokenMode(slack, false))) {
            byte[] form = SlackPresses.form(SlackPresses.payload("claim", "{}", "U0ANA", "t", slack.responseUrl()));
            long now = clock.instant().getEpochSecond();

            assertThat(SlackPresses.post(relay.port(), SIGNING, now, form).status()).isEqualTo(404);
            relay.reload(config(tokenMode(slack, true)));
            assertThat(SlackPresses.post(relay.port(), SIGNING, now, form).status()).isEqualTo(200);
            relay.reload(config(tokenMode(slack, false)));
            assertThat(SlackPresses.post(relay.port(), SIGNING, now, form).status()).isEqualTo(404);
        }
    }

    @Test
    void aWebhooksMessageIsReplacedThroughThePressesResponseUrl() throws Exception {
        try (LogCapture log = new LogCapture(); SlackStandIn slack = new SlackStandIn().mentioning("U0ANA");
             Relay relay = relay(slack, webhookMode(slack))) {
            String value = escalate(relay, slack, "webhook");

            assertThat(press(relay, value, "U0ANA", "trigger-ana", slack.responseUrl()).status()).isEqualTo(200);

            Eventually.holds("the message is replaced and Ana told", () -> slack.calls("response").size() == 2);
            settled(relay);
            JsonNode replaced = slack.calls("response").stream().filter(c -> c.body().has("blocks")).findFirst()
                    .orElseThrow().body();
            assertThat(replaced.path("replace_original").asBoolean()).isTrue();
            assertThat(replaced.toString()).contains("🙋 Taken by <@U0ANA> at 14:02 UTC")
                    .doesNotContain("Take this chat");
            assertThat(texts(slack.calls("response"))).contains("You took this chat.");
            assertThat(slack.userLookups()).as("a webhook destination has no token to ask with").isZero();
            assertThat(slack.refused()).isEmpty();
            assertThat(log.text()).doesNotContain("RESPONSE-SECRET", SIGNING);
        }
    }
}
