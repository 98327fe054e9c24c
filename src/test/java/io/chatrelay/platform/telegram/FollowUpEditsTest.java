package io.chatrelay.platform.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follow-up posted to Telegram, then edited when the visitor leaves: it still says it went untaken. */
class FollowUpEditsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    @Test
    void anEditOfAFollowUpKeepsSayingHowLongTheEscalationWentUntaken() throws Exception {
        try (Sink support = Sink.ok(); Sink telegram = Sink.ok()) {
            telegram.alwaysAnswer(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body("{\"ok\":true,\"result\":{\"message_id\":7,\"chat\":{\"id\":-100777}}}").build());
            try (Relay relay = Relay.start(RelayUnderTest.config(dir, """
                    destinations:
                      support: {type: webhook, url: "%s"}
                      on-call: {type: telegram, bot_token: "123:TOKEN", chat_id: "-100777", api_base_url: "%s"}
                    routes:
                      - name: escalations
                        match: {event: live-chat-escalation}
                        to: [support]
                        unclaimed: {after: 5m, to: [on-call]}
                    """.formatted(support.url("/support"), telegram.url(""))), clock)) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
                support.take();
                Eventually.holds("only the follow-up waits", () -> relay.pendingDeliveries() == 1);
                clock.advance(Duration.ofMinutes(5));
                assertThat(text(telegram.take())).contains("Not taken after 5 min");
                Eventually.holds("the follow-up recorded", () -> relay.pendingDeliveries() == 0);

                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("user-offline"));

                RecordedRequest edit = telegram.take();
                assertThat(edit.getTarget()).endsWith("/editMessageText");
                assertThat(text(edit)).contains("Not taken after 5 min").contains("Visitor left at");
            }
        }
    }

    private static String text(RecordedRequest request) throws Exception {
        return JSON.readTree(request.getBody().utf8()).path("text").asText();
    }
}
