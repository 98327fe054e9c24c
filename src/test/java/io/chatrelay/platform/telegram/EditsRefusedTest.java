package io.chatrelay.platform.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edit the platform refuses for good (the message was deleted in the chat) changes only how a
 * message looks: it is settled skipped with Telegram's reason, not kept as a dead letter.
 */
class EditsRefusedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anEditOfAMessageDeletedInTheChatIsSkippedWithTelegramsReasonNotDead() throws Exception {
        try (Sink telegram = Sink.ok()) {
            telegram.then(json(200, "{\"ok\":true,\"result\":{\"message_id\":7,\"chat\":{\"id\":-100777}}}"));
            telegram.alwaysAnswer(json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message "
                    + "to edit not found\"}"));
            try (Relay relay = Relay.start(RelayUnderTest.config(dir, """
                    admin: {token: admin-token}
                    destinations:
                      on-call: {type: telegram, bot_token: "123:TOKEN", chat_id: "-100777", api_base_url: "%s"}
                    routes:
                      - {name: escalations, match: {event: live-chat-escalation}, to: [on-call]}
                    """.formatted(telegram.url(""))))) {
                String id = JSON.readTree(Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                        Fixtures.bytes("live-chat-escalation")).body()).path("id").asText();
                telegram.take();
                Eventually.holds("posted", () -> relay.pendingDeliveries() == 0);

                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("user-offline"));
                assertThat(telegram.take().getTarget()).endsWith("/editMessageText");
                Eventually.holds("the edit settled", () -> relay.pendingDeliveries() == 0);

                JsonNode edit = null;
                for (JsonNode delivery : story(relay, id).path("deliveries")) {
                    if ("edit".equals(delivery.path("kind").asText())) {
                        edit = delivery;
                    }
                }
                assertThat(edit).as(story(relay, id).toString()).isNotNull();
                assertThat(edit.path("status").asText()).isEqualTo("skipped");
                assertThat(edit.toString()).contains("message to edit not found");
                assertThat(Http.get(relay.port(), "/metrics").body()).contains("chatrelay_deliveries_dead 0.0");
            }
        }
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static JsonNode story(Relay relay, String id) throws Exception {
        return JSON.readTree(Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port()
                + "/admin/events/" + id).header("Authorization", "Bearer admin-token").build()).body());
    }
}
