package io.chatrelay.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One thread per conversation on Slack (Web API) and Discord (forum posts), kept across a restart. */
class ThreadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Relay start(String destination) throws Exception {
        return Relay.start(RelayUnderTest.config(dir, """
                delivery: {max_attempts: 3, backoff: {initial: 20ms, max: 50ms}}
                destinations:
                  target: %s
                routes: [{name: all, to: [target]}]
                """.formatted(destination)));
    }

    private static JsonNode body(RecordedRequest request) throws Exception {
        return JSON.readTree(request.getBody().utf8());
    }

    @Test
    void slackStartsAThreadPerConversationAndRepliesInItAfterARestart() throws Exception {
        try (Sink slack = Sink.ok()) {
            slack.alwaysAnswer(Sink.status(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\","
                    + "\"message\":{\"text\":\"" + "x".repeat(10_000) + "\"}}"));
            String destination = "{type: slack, token: xoxb-test-token, channel: C1, api_base_url: \"%s\"}"
                    .formatted(slack.url("/api"));

            try (Relay relay = start(destination)) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("chat"));
                RecordedRequest first = slack.take();
                assertThat(first.getUrl().encodedPath()).isEqualTo("/api/chat.postMessage");
                assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer xoxb-test-token");
                assertThat(body(first).path("channel").asText()).isEqualTo("C1");
                assertThat(body(first).has("thread_ts")).isFalse();
                assertThat(first.getBody().utf8()).doesNotContain("xoxb-test-token");
                io.chatrelay.testkit.Eventually.holds("the thread is recorded", () -> relay.pendingDeliveries() == 0);
            }
            try (Relay restarted = start(destination)) {
                Http.postSigned(restarted.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
                JsonNode reply = body(slack.take());

                assertThat(reply.path("thread_ts").asText()).isEqualTo("1700000000.000100");
                assertThat(reply.path("reply_broadcast").asBoolean()).as("escalations show in the channel too").isTrue();
            }
        }
    }

    @Test
    void slackOkFalseIsRetriedWhenRateLimitedAndDeadWhenTheChannelIsGone() throws Exception {
        try (Sink slack = Sink.ok(); LogCapture log = new LogCapture()) {
            slack.then(Sink.status(200, "{\"ok\":false,\"error\":\"ratelimited\"}"));
            slack.alwaysAnswer(Sink.status(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));
            try (Relay relay = start("{type: slack, token: xoxb-t, channel: C1, api_base_url: \"%s\"}"
                    .formatted(slack.url("/api")))) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("lead-submission"));
                slack.take();
                slack.take();
                io.chatrelay.testkit.Eventually.holds("dead is logged", () -> log.text().contains("dead event="));

                assertThat(log.text()).contains("after 200 ok=false ratelimited (attempt 1 of 3)",
                        "200 ok=false channel_not_found (attempt 2 of 3)");
                assertThat(slack.poll(Duration.ofMillis(300))).isNull();
            }
        }
    }

    @Test
    void discordOpensAForumPostPerConversationAndPostsIntoItAfterARestart() throws Exception {
        try (Sink discord = Sink.ok()) {
            discord.alwaysAnswer(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body("{\"id\":\"222\",\"channel_id\":\"999888777\",\"content\":\"\"}").build());
            String destination = "{type: discord, webhook_url: \"%s\", thread_name: \"Chat {{conversation_id}}\"}"
                    .formatted(discord.url("/api/webhooks/1/token"));

            try (Relay relay = start(destination)) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
                RecordedRequest first = discord.take();
                assertThat(first.getUrl().queryParameter("wait")).isEqualTo("true");
                assertThat(body(first).path("thread_name").asText())
                        .isEqualTo("Chat dbf24043-83a6-47fb-b241-9865de3877c9");
                io.chatrelay.testkit.Eventually.holds("the post is recorded", () -> relay.pendingDeliveries() == 0);
            }
            try (Relay restarted = start(destination)) {
                Http.postSigned(restarted.port(), RelayUnderTest.SECRET, Fixtures.bytes("user-offline"));
                RecordedRequest later = discord.take();

                assertThat(later.getUrl().queryParameter("thread_id")).isEqualTo("999888777");
                assertThat(body(later).has("thread_name")).isFalse();
            }
        }
    }
}
