package io.chatrelay.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that cannot be rendered the ordinary way, through a real relay, a real SQLite store and a
 * destination over HTTP: each ends delivered or dead with one log line, and never holds back the
 * rest of its conversation.
 */
class PoisonMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Compiles and passes the config's checks; rendering it overflows any thread's stack. */
    private static final String NESTING_BOMB = "{{#event}}".repeat(50_000) + "x" + "{{/event}}".repeat(50_000);

    @TempDir
    Path dir;

    private Relay relay;
    private Sink sink;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    private void start(String destination, String template) throws Exception {
        sink = Sink.ok();
        relay = Relay.start(RelayUnderTest.config(dir, """
                delivery: {max_attempts: 3, backoff: {initial: 20ms, max: 100ms}}
                admin: {token: admin-token}
                destinations:
                  target: {%s, rate_limit: {requests: 1000, per: 1s}}
                routes:
                  - {name: all, to: [target] %s}
                """.formatted(destination.replace("URL", sink.url("/api/webhooks/1/token")), template)));
    }

    @Test
    void messagesNestedThousandsOfLevelsDeepArriveOnceAndTheConversationGoesOn() throws Exception {
        start("type: slack, webhook_url: \"URL\"", "");
        try (LogCapture log = new LogCapture()) {
            String poison = post(escalation("c1", ">".repeat(8_000) + "x", "- ".repeat(8_000) + "y"));
            String later = post(RelayUnderTest.chat("c1", "later-one"));

            RecordedRequest first = sink.take();
            RecordedRequest second = sink.take();

            assertThat(first.getBody().utf8()).contains("Live chat escalation");
            assertThat(second.getBody().utf8()).contains("New chat answer");
            awaitDeliveries("delivered", 2);
            Eventually.holds("the later message is logged", () -> linesAbout(log, later).size() == 1);
            assertThat(linesAbout(log, poison)).singleElement().asString().contains("delivered event=" + poison);
            assertThat(log.text()).doesNotContain("StackOverflowError").doesNotContain("\tat ");
        }
    }

    @Test
    void anEscalationWhoseRichRenderingFailsArrivesAsPlainText() throws Exception {
        // sections nested this deep are a valid template, but rendering it overflows the stack: the rich
        // message cannot be made
        start("type: slack, webhook_url: \"URL\"", ", template: {text: \"" + NESTING_BOMB + "\"}");
        try (LogCapture log = new LogCapture()) {
            String id = post(escalation("c1", "[Verify your account](https://evil.example)", "**Hello**"));

            String body = sink.take().getBody().utf8();

            assertThat(body).contains("Live chat escalation", "`[Verify your account](https://evil.example)`",
                    "*Bot:* `**Hello**`");
            JsonNode delivered = awaitDeliveries("delivered", 1).get(0);
            assertThat(delivered.path("attempts").asInt()).isEqualTo(1);
            Eventually.holds("its line is logged", () -> linesAbout(log, id).size() == 1);
            assertThat(linesAbout(log, id).get(0)).contains("delivered", "as plain text",
                    "rich rendering failed: StackOverflowError");
        }
    }

    @Test
    void aTemplateNestingSectionsOverALongConversationArrivesCutWithoutFillingTheMemory() throws Exception {
        start("type: slack, webhook_url: \"URL\"", ", template: {text: \"{{#messages}}{{#messages}}{{#messages}}"
                + "{{content}} {{/messages}}{{/messages}}{{/messages}}\"}");
        try (LogCapture log = new LogCapture()) {
            var messages = JSON.createArrayNode();
            for (int i = 0; i < 400; i++) {
                messages.add(JSON.createObjectNode().put("role", "user").put("content", "message number " + i));
            }
            String id = post(JSON.writeValueAsBytes(JSON.createObjectNode().put("event", "live-chat-escalation")
                    .put("conversation_id", "c1").put("chatbot_name", "Bot").set("messages", messages)));

            String body = sink.take().getBody().utf8();

            assertThat(body).contains("Live chat escalation", "message number 0 message number 1 message number 2");
            Eventually.holds("its line is logged", () -> linesAbout(log, id).size() == 1);
            assertThat(linesAbout(log, id).get(0)).contains("delivered").doesNotContain("plain");
        }
    }

    @Test
    void aDeliveryThatCannotBeRenderedEvenPlainIsDeadAtOnceWithOneLine() throws Exception {
        start("type: discord, webhook_url: \"URL\", thread_name: \"" + NESTING_BOMB + "\"", "");
        try (LogCapture log = new LogCapture()) {
            String id = post(escalation("c1", "hello", "hi"));

            JsonNode dead = awaitDeliveries("dead", 1).get(0);

            assertThat(dead.path("attempts").asInt()).isEqualTo(1);
            assertThat(dead.path("last_reason").asText()).startsWith("cannot render: ");
            Eventually.holds("its line is logged", () -> linesAbout(log, id).size() == 1);
            assertThat(linesAbout(log, id).get(0)).contains("dead event=" + id, "cannot render: ");
            assertThat(sink.requestCount()).isZero();
        }
    }

    private static byte[] escalation(String conversation, String visitor, String bot) throws IOException {
        return JSON.writeValueAsBytes(JSON.createObjectNode().put("event", "live-chat-escalation")
                .put("conversation_id", conversation).put("chatbot_name", "Bot").set("messages", JSON.createArrayNode()
                        .add(JSON.createObjectNode().put("role", "user").put("content", visitor))
                        .add(JSON.createObjectNode().put("role", "assistant").put("content", bot))));
    }

    private String post(byte[] event) throws IOException {
        Http.Reply reply = Http.postSigned(relay.port(), RelayUnderTest.SECRET, event);
        assertThat(reply.status()).isEqualTo(200);
        return JSON.readTree(reply.body()).path("id").asText();
    }

    private static List<String> linesAbout(LogCapture log, String eventId) {
        return Arrays.stream(log.text().split("\n")).filter(line -> line.contains("event=" + eventId)).toList();
    }

    private JsonNode awaitDeliveries(String status, int count) throws IOException {
        Eventually.holds(count + " " + status + " deliveries", () -> {
            try {
                return deliveries(status).size() == count;
            } catch (IOException e) {
                return false;
            }
        });
        return deliveries(status);
    }

    private JsonNode deliveries(String status) throws IOException {
        return JSON.readTree(Http.execute(new Request.Builder()
                .url("http://127.0.0.1:" + relay.port() + "/admin/deliveries?status=" + status)
                .header("Authorization", "Bearer admin-token").build()).body()).path("deliveries");
    }
}
