package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event type is a name: one that is too long or holds other characters than letters, digits,
 * {@code . _ -} is accepted as {@code unknown}, and never echoed, logged or sent in a header.
 */
class EventTypeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aHugeTypeIsKeptAsUnknownAndNeverEchoedOrLogged() throws Exception {
        String huge = "x".repeat(900_000);
        try (Sink crm = Sink.ok(); LogCapture log = new LogCapture(); Relay relay = start(crm)) {
            Http.Reply reply = Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                    Http.utf8("{\"event\":\"" + huge + "\",\"conversation_id\":\"c1\"}"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(JSON.readTree(reply.body()).path("event").asText()).isEqualTo("unknown");
            assertThat(reply.body().length()).isLessThan(200);
            RecordedRequest forwarded = crm.take();
            assertThat(forwarded.getHeaders().get("x-chat-data-topic")).isEqualTo("unknown");
            Eventually.holds("the delivery is logged", () -> log.text().contains("delivered event="));
            assertThat(log.text()).doesNotContain("x".repeat(1_000));
        }
    }

    @Test
    void aTypeWithLineBreaksCannotForgeALogLineOrAHeader() throws Exception {
        String forged = "chat\\r\\n[main] ERROR io.chatrelay.Relay - admin token is hunter2";
        try (Sink crm = Sink.ok(); LogCapture log = new LogCapture(); Relay relay = start(crm)) {
            Http.Reply reply = Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                    Http.utf8("{\"event\":\"" + forged + "\",\"conversation_id\":\"c1\"}"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(JSON.readTree(reply.body()).path("event").asText()).isEqualTo("unknown");
            assertThat(crm.take().getHeaders().get("x-chat-data-topic")).isEqualTo("unknown");
            Eventually.holds("the delivery is logged", () -> log.text().contains("delivered event="));
            assertThat(log.text()).doesNotContain("admin token is hunter2");
        }
    }

    @Test
    void aTypeThatIsANameIsKeptAsItIs() throws Exception {
        try (Sink crm = Sink.ok(); Relay relay = start(crm)) {
            Http.Reply reply = Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                    Http.utf8("{\"event\":\"conversation.rated_v2\"}"));

            assertThat(JSON.readTree(reply.body()).path("event").asText()).isEqualTo("conversation.rated_v2");
            assertThat(crm.take().getHeaders().get("x-chat-data-topic")).isEqualTo("conversation.rated_v2");
        }
    }

    @Test
    void anEventStoredWithAnUncleanTypeBeforeThisRuleIsSentWithACleanTopic() throws Exception {
        try (Sink crm = Sink.ok(); LogCapture log = new LogCapture()) {
            RelayConfig config = config(crm);
            try (Store store = Store.open(config.store())) { // as an older version stored it
                store.outbox().enqueue(new RawEvent("evt-old", "chat\r\nforged: yes", "c1",
                        Http.utf8("{\"event\":\"chat\\r\\nforged: yes\",\"conversation_id\":\"c1\"}"),
                        Instant.now()), List.of(new Target("crm", "all")));
            }
            try (Relay relay = Relay.start(config)) {
                RecordedRequest forwarded = crm.take();

                assertThat(forwarded.getHeaders().get("x-chat-data-topic")).isEqualTo("unknown");
                assertThat(forwarded.getHeaders().get("forged")).isNull();
                Eventually.holds("the delivery is logged", () -> log.text().contains("delivered event=evt-old"));
                assertThat(log.text()).contains("type=chat\\r\\nforged: yes").doesNotContain("chat\r\nforged");
            }
        }
    }

    private Relay start(Sink crm) throws Exception {
        return Relay.start(config(crm));
    }

    private RelayConfig config(Sink crm) throws Exception {
        return RelayUnderTest.config(dir, """
                destinations: {crm: {type: webhook, url: "%s"}}
                routes: [{name: all, to: [crm]}]
                """.formatted(crm.url("/hook")));
    }
}
