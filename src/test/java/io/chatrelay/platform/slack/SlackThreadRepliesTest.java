package io.chatrelay.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.Relay;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.platform.Platforms;
import io.chatrelay.platform.chatdata.ChatDataStandIn;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent answers the visitor from the escalation's Slack thread, end to end over real HTTP: the
 * escalation posted with the bot token, a take press, Slack's signed message events at
 * {@code /slack/events}, the reply delivered to Chat Data's API stand-in, and what the agent sees of
 * it in the thread (✅, or ⚠️ and Chat Data's reason).
 */
class SlackThreadRepliesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNING = "slack-app-signing-secret";
    private static final String API_KEY = "chat-data-api-key";
    private static final String ADMIN = "admin-token";
    private static final String CHATBOT = "654aee418bc9a33b0e50d0ad";
    private static final String CONVERSATION = "dbf24043-83a6-47fb-b241-9865de3877c9";
    private static final String THREAD = "1700000000.101";
    private static final String LINE = "Replies here go to the visitor. Start with // to keep a note internal.";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final SlackStandIn slack = start().user("U0ANA", "Ana").user("U0BEN", "Ben");
    private final ChatDataStandIn chatData = ChatDataStandIn.start(API_KEY).withChatbot(CHATBOT, "AI Chatbot");

    private static SlackStandIn start() {
        try {
            return new SlackStandIn();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        chatData.close();
    }

    private Relay relay(boolean signing) throws Exception {
        clock.set("2026-11-24T14:02:10Z");
        return Relay.start(config(signing), clock);
    }

    /** The channel named as people know it, and a note marker that Slack sends escaped. */
    private Relay relayWithChannelNameAndAngledPrefix() throws Exception {
        clock.set("2026-11-24T14:02:10Z");
        String yaml = configYaml(true).replace("channel: C0SUPPORT,", "channel: \"#support\", internal_prefix: \">>\",");
        return Relay.start(Platforms.loader(Map.of()).parse(yaml), clock);
    }

    private RelayConfig config(boolean signing) throws Exception {
        return Platforms.loader(Map.of()).parse(configYaml(signing));
    }

    private String configYaml(boolean signing) {
        return ("""
                server: {port: 0}
                store: {url: "jdbc:sqlite:%s"}
                admin: {token: %s}
                chat_data: {signing_secrets: ["%s"], api_key: %s, api_base_url: "%s"}
                destinations:
                  support-slack: {type: slack, token: %s, channel: C0SUPPORT, api_base_url: "%s", %s
                                  rate_limit: {requests: 1000, per: 1s}}
                routes:
                  - name: escalations
                    match: {event: live-chat-escalation}
                    to: [support-slack]
                """.formatted(dir.resolve("relay.db"), ADMIN, RelayUnderTest.SECRET, API_KEY, chatData.baseUrl(),
                SlackStandIn.TOKEN, slack.apiBase(), signing ? "signing_secret: " + SIGNING + "," : ""));
    }

    @Test
    void aChannelNamedByNameHearsRepliesAndANoteSlackSendsEscapedStaysInTheThread() throws Exception {
        try (Relay relay = relayWithChannelNameAndAngledPrefix()) {
            String value = escalate(relay);
            assertThat(SlackPresses.post(relay.port(), SIGNING, clock.instant().getEpochSecond(), SlackPresses.form(
                    SlackPresses.payload("claim", value, "U0ANA", "trigger-ana", slack.responseUrl()))).status())
                    .isEqualTo(200);
            Eventually.holds("the line names the prefix", () -> threadPosts().contains(
                    "Replies here go to the visitor. Start with &gt;&gt; to keep a note internal.")); // mrkdwn-escaped

            send(relay, SlackEventsApi.message("Ev20", "U0ANA", "&gt;&gt; she asked before, see CRM", "1700000220.1",
                    THREAD));
            send(relay, SlackEventsApi.message("Ev21", "U0ANA", "Found it &gt; sending now", "1700000221.1", THREAD));

            Eventually.holds("the reply reaches Chat Data", () -> chatData.messages().size() == 1);
            settled(relay);
            assertThat(chatData.messages()).extracting(m -> m.path("message").asText())
                    .containsExactly("Found it > sending now");
        }
    }

    /** Posts the escalation and waits for Slack to get it; returns the take button's value. */
    private String escalate(Relay relay) {
        Http.Reply accepted = Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        Eventually.holds("the escalation is posted", () -> slack.calls("postMessage").size() == 1);
        return slack.calls("postMessage").get(0).body().findParent("action_id").path("value").asText();
    }

    private void take(Relay relay, String value, String user) {
        Http.Reply pressed = SlackPresses.post(relay.port(), SIGNING, clock.instant().getEpochSecond(),
                SlackPresses.form(SlackPresses.payload("claim", value, user, "trigger-" + user, slack.responseUrl())));
        assertThat(pressed.status()).isEqualTo(200);
        Eventually.holds("the line saying how replies work is in the thread", () -> threadPosts().contains(LINE));
    }

    private Http.Reply send(Relay relay, ObjectNode callback) {
        return send(relay, callback, 0);
    }

    private Http.Reply send(Relay relay, ObjectNode callback, int retry) {
        return SlackEventsApi.post(relay.port(), SIGNING, clock.instant().getEpochSecond(),
                SlackEventsApi.bytes(callback), retry);
    }

    private List<String> threadPosts() {
        return slack.calls("postMessage").stream().filter(c -> THREAD.equals(c.body().path("thread_ts").asText()))
                .map(c -> c.body().path("text").asText()).toList();
    }

    private List<String> reactions(String ts) {
        return slack.calls("reaction").stream().filter(c -> ts.equals(c.body().path("timestamp").asText()))
                .map(c -> c.body().path("name").asText()).toList();
    }

    private static void settled(Relay relay) {
        Eventually.holds("every delivery settled", () -> relay.pendingDeliveries() == 0);
    }

    private static int deliveries(Relay relay, String value) throws Exception {
        String eventId = JSON.readTree(value).path("e").asText();
        return JSON.readTree(Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port()
                + "/admin/events/" + eventId).header("Authorization", "Bearer " + ADMIN).build()).body())
                .path("deliveries").size();
    }

    @Test
    void theClaimersThreadReplyReachesTheVisitorOnceWithTheirNameAndGetsATick() throws Exception {
        try (LogCapture log = new LogCapture(); Relay relay = relay(true)) {
            take(relay, escalate(relay), "U0ANA");

            Http.Reply heard = send(relay, SlackEventsApi.message("Ev1", "U0ANA",
                    "*Sure*, see <https://docs.example.com|the guide> &amp; ask <@U0BEN>", "1700000200.000100", THREAD));

            assertThat(heard.status()).isEqualTo(200);
            Eventually.holds("the reply reaches Chat Data", () -> chatData.messages().size() == 1);
            JsonNode message = chatData.messages().get(0);
            assertThat(message.path("message").asText())
                    .isEqualTo("**Sure**, see [the guide](https://docs.example.com) & ask @Ben");
            assertThat(message.path("name").asText()).isEqualTo("Ana");
            assertThat(message.path("role").asText()).isEqualTo("human");
            assertThat(message.path("conversationId").asText()).isEqualTo(CONVERSATION);
            assertThat(message.path("chatbotId").asText()).isEqualTo(CHATBOT);
            assertThat(message.path("avatar").asText()).isEqualTo("https://example.com/a.png");
            Eventually.holds("Ana sees a tick", () -> reactions("1700000200.000100").equals(List.of("white_check_mark")));

            Http.Reply resent = send(relay, SlackEventsApi.message("Ev1", "U0ANA",
                    "*Sure*, see <https://docs.example.com|the guide> &amp; ask <@U0BEN>", "1700000200.000100", THREAD), 1);
            assertThat(resent.status()).isEqualTo(200);
            settled(relay);
            assertThat(chatData.messages()).hasSize(1);
            assertThat(threadPosts()).containsOnlyOnce(LINE);
            assertThat(slack.refused()).isEmpty();
            assertThat(log.text()).doesNotContain(API_KEY, SlackStandIn.TOKEN, SIGNING, "docs.example.com");
        }
    }

    @Test
    void anotherPersonsReplyAnInternalNoteABotsPostAndAnEditDoNotReachTheVisitor() throws Exception {
        try (Relay relay = relay(true)) {
            take(relay, escalate(relay), "U0ANA");

            List<Http.Reply> answers = List.of(
                    send(relay, SlackEventsApi.message("Ev2", "U0BEN", "I can help too", "1700000201.000100", THREAD)),
                    send(relay, SlackEventsApi.message("Ev3", "U0ANA", "// she asked before, see CRM", "1700000202.1",
                            THREAD)),
                    send(relay, SlackEventsApi.with(SlackEventsApi.message("Ev4", "U0ANA", "from a bot",
                            "1700000203.1", THREAD), "bot_id", "B0RELAY")),
                    send(relay, SlackEventsApi.with(SlackEventsApi.message("Ev5", "U0ANA", "edited", "1700000204.1",
                            THREAD), "subtype", "message_changed")),
                    send(relay, SlackEventsApi.message("Ev6", "U0ANA", "not in the thread", "1700000205.1",
                            "1700000205.1")),
                    send(relay, SlackEventsApi.message("Ev7", "U0ANA", "another thread", "1700000206.1",
                            "1699999999.999")));

            assertThat(answers).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
            Eventually.holds("Ben is told, only him", () -> slack.calls("ephemeral").size() == 1);
            JsonNode note = slack.calls("ephemeral").get(0).body();
            assertThat(note.path("user").asText()).isEqualTo("U0BEN");
            assertThat(note.path("thread_ts").asText()).isEqualTo(THREAD);
            assertThat(note.path("text").asText()).contains("Ana took this chat");
            settled(relay);
            assertThat(chatData.messages()).isEmpty();
            assertThat(slack.calls("reaction")).isEmpty();
        }
    }

    @Test
    void aReplyBeforeAnyoneClaimedTakesTheChat() throws Exception {
        try (Relay relay = relay(true)) {
            escalate(relay);

            assertThat(send(relay, SlackEventsApi.message("Ev8", "U0BEN", "Hello, Ben here", "1700000207.1", THREAD))
                    .status()).isEqualTo(200);

            Eventually.holds("the reply reaches Chat Data", () -> chatData.messages().size() == 1);
            assertThat(chatData.messages().get(0).path("name").asText()).isEqualTo("Ben");
            Eventually.holds("the escalation says Ben took it", () -> slack.calls("update").stream()
                    .anyMatch(c -> c.body().toString().contains("Taken by Ben")));
            Eventually.holds("the thread says how replies work", () -> threadPosts().contains(LINE));
            Eventually.holds("Ben sees a tick", () -> reactions("1700000207.1").equals(List.of("white_check_mark")));
        }
    }

    @Test
    void chatDataFailingTwiceThenAcceptingGetsEachReplyOnceInOrderThoughSlackResendsMeanwhile() throws Exception {
        try (LogCapture log = new LogCapture(); Relay relay = relay(true)) {
            take(relay, escalate(relay), "U0ANA");
            send(relay, SlackEventsApi.message("Ev20", "U0ANA", "first", "1700000220.1", THREAD));
            Eventually.holds("the first reply is in", () -> chatData.messages().size() == 1);
            settled(relay);
            chatData.failNext(2, 503);

            send(relay, SlackEventsApi.message("Ev21", "U0ANA", "second", "1700000221.1", THREAD));
            send(relay, SlackEventsApi.message("Ev22", "U0ANA", "third", "1700000222.1", THREAD));
            for (int failed = 1; failed <= 2; failed++) {
                int calls = 1 + failed;
                String retried = "after Internal server error (attempt " + failed + " of";
                Eventually.holds("attempt " + failed + " is recorded", () -> chatData.calls().size() == calls
                        && log.text().contains(retried));
                clock.advance(java.time.Duration.ofSeconds(15)); // past the backoff, within the send's lease
                send(relay, SlackEventsApi.message("Ev22", "U0ANA", "third", "1700000222.1", THREAD), failed);
            }

            Eventually.holds("both later replies are in", () -> chatData.messages().size() == 3);
            assertThat(chatData.messages()).extracting(m -> m.path("message").asText())
                    .containsExactly("first", "second", "third");
            Eventually.holds("each gets its tick", () -> slack.calls("reaction").size() == 3);
            assertThat(chatData.calls()).hasSize(5);
        }
    }

    @Test
    void aReplyChatDataRefusesEndsDeadWithAWarningAndTheReasonInTheThread() throws Exception {
        try (Relay relay = relay(true)) {
            take(relay, escalate(relay), "U0ANA");
            chatData.answerErrorNext("Conversation not found");

            assertThat(send(relay, SlackEventsApi.message("Ev9", "U0ANA", "Are you there?", "1700000208.1", THREAD))
                    .status()).isEqualTo(200);

            Eventually.holds("Ana sees a warning", () -> reactions("1700000208.1").equals(List.of("warning")));
            Eventually.holds("and why", () -> threadPosts().stream()
                    .anyMatch(text -> text.startsWith("⚠️ Not sent to the visitor:")
                            && text.contains("Conversation not found")));
            settled(relay);
            assertThat(chatData.messages()).isEmpty();
        }
    }

    @Test
    void filesAreNotSentAndTheAgentIsToldSoInTheThread() throws Exception {
        try (Relay relay = relay(true)) {
            take(relay, escalate(relay), "U0ANA");

            ObjectNode onlyFile = SlackEventsApi.withFile(SlackEventsApi.message("Ev11", "U0ANA", "", "1700000210.1",
                    THREAD));
            assertThat(send(relay, onlyFile).status()).isEqualTo(200);
            assertThat(send(relay, onlyFile, 1).status()).isEqualTo(200);
            assertThat(send(relay, SlackEventsApi.withFile(SlackEventsApi.message("Ev12", "U0ANA", "Here is how it looks",
                    "1700000211.1", THREAD))).status()).isEqualTo(200);

            Eventually.holds("the words reach Chat Data", () -> chatData.messages().size() == 1);
            assertThat(chatData.messages().get(0).path("message").asText()).isEqualTo("Here is how it looks");
            Eventually.holds("Ana is told twice, once per message", () -> threadPosts().stream()
                    .filter(text -> text.startsWith("📎 Files are not sent to the visitor")).count() == 2);
            settled(relay);
            assertThat(chatData.messages().toString()).doesNotContain("files.slack.com");
        }
    }

    @Test
    void anEventTheStoreCannotKeepIsAnswered503SoThatSlackSendsItAgain() throws Exception {
        try (LogCapture log = new LogCapture(); Relay relay = relay(true)) {
            take(relay, escalate(relay), "U0ANA");
            settled(relay);
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                    + dir.resolve("relay.db")); java.sql.Statement sql = connection.createStatement()) {
                sql.execute("PRAGMA busy_timeout=5000");
                sql.execute("DROP TABLE inbound"); // every reply is recorded there first: now none can be
            }

            Http.Reply heard = send(relay, SlackEventsApi.message("Ev13", "U0ANA", "Hello", "1700000212.1", THREAD));

            assertThat(heard.status()).isEqualTo(503);
            assertThat(log.text()).contains("store unavailable, answered 503 for a Slack event");
            assertThat(chatData.calls()).isEmpty();
        }
    }

    @Test
    void answersUrlVerificationWithItsChallenge() throws Exception {
        try (Relay relay = relay(true)) {
            ObjectNode handshake = JSON.createObjectNode().put("token", "legacy").put("challenge", "3eZbrw1aBm2rZgRNFdxV2595")
                    .put("type", "url_verification");

            Http.Reply answer = send(relay, handshake);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("challenge").asText()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595");
        }
    }

    @Test
    void forgedAndStaleEventsAreRefusedAndStoreNothing() throws Exception {
        try (Relay relay = relay(true)) {
            String value = escalate(relay);
            settled(relay);
            int before = deliveries(relay, value);
            byte[] body = SlackEventsApi.bytes(SlackEventsApi.message("Ev10", "U0ANA", "hi", "1700000209.1", THREAD));
            long now = clock.instant().getEpochSecond();

            Http.Reply forged = SlackEventsApi.post(relay.port(), "not-the-secret", now, body, 0);
            Http.Reply stale = SlackEventsApi.post(relay.port(), SIGNING, now - 301, body, 0);

            assertThat(List.of(forged.status(), stale.status())).containsOnly(401);
            assertThat(deliveries(relay, value)).as("nobody took it").isEqualTo(before);
            assertThat(relay.pendingDeliveries()).isZero();
            assertThat(chatData.calls()).isEmpty();
            assertThat(SlackEventsApi.post(relay.port(), SIGNING, now, body, 0).status()).isEqualTo(200);
        }
    }

    @Test
    void theEndpointExistsOnlyWhileASlackDestinationHasASigningSecret() throws Exception {
        try (Relay relay = relay(false)) {
            ObjectNode handshake = JSON.createObjectNode().put("challenge", "c").put("type", "url_verification");

            assertThat(send(relay, handshake).status()).isEqualTo(404);
        }
    }
}
