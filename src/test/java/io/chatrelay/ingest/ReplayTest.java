package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.cli.Cli;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.Postgres;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A captured signed body posted again within {@code chat_data.dedupe_window} is answered, not delivered again. */
class ReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String TOKEN = "admin-token-for-replays";
    private static final byte[] BODY = RelayUnderTest.chat("c1", "hello");

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private final Sink crm = Sink.ok();
    private Relay relay;

    private String routes() {
        return """
                admin: {token: %s}
                destinations:
                  crm: {type: webhook, url: "%s"}
                routes:
                  - {name: everything, to: [crm]}
                """.formatted(TOKEN, crm.url("/hook"));
    }

    /** A relay on a SQLite file with this {@code chat_data.dedupe_window}, or the default when null. */
    private void start(String window) throws Exception {
        relay = Relay.start(Platforms.loader(Map.of()).parse("""
                server: {port: 0}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]%s}
                """.formatted(dir.resolve("relay.db"), RelayUnderTest.SECRET,
                window == null ? "" : ", dedupe_window: " + window) + routes()), clock);
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        crm.close();
    }

    private JsonNode post(byte[] body, String topic) throws Exception {
        Http.Reply reply = Http.post(relay.port(), "/webhooks/chat-data", body,
                SignatureVerifier.sign(new Secret(RelayUnderTest.SECRET), body), topic);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }

    private String delivered() {
        RecordedRequest request = crm.take();
        return request.getHeaders().get("X-Relay-Event-Id");
    }

    private JsonNode admin(String path) {
        try {
            return JSON.readTree(Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port() + path)
                    .header("Authorization", "Bearer " + TOKEN).build()).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Before the clock jumps: a send whose outcome is not stored yet would be due again after it. */
    private void awaitDelivered(int deliveries) {
        Eventually.holds(deliveries + " delivered", () -> admin("/admin/deliveries?status=delivered")
                .path("deliveries").size() == deliveries);
    }

    @Test
    void theSameSignedBodyWithinTheWindowIsAnsweredWithTheFirstIdAndDeliveredOnce() throws Exception {
        start(null);
        JsonNode first = post(BODY, null);
        assertThat(delivered()).isEqualTo(first.path("id").asText());
        awaitDelivered(1);
        clock.advance(Duration.ofMinutes(9));
        JsonNode second = post(BODY, null);
        JsonNode third = post(BODY, null);

        assertThat(first.has("duplicate")).isFalse();
        assertThat(second.path("duplicate").asBoolean()).isTrue();
        assertThat(second.path("id").asText()).isEqualTo(first.path("id").asText());
        assertThat(second.path("deliveries").asInt()).isZero();
        assertThat(third.path("id").asText()).isEqualTo(first.path("id").asText());
        assertThat(crm.poll(QUIET)).as("the copies are not sent").isNull();

        String id = first.path("id").asText();
        JsonNode story = admin("/admin/events/" + id);
        assertThat(story.path("copies").asLong()).isEqualTo(3);
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                """.formatted(dir.resolve("relay.db"), RelayUnderTest.SECRET) + routes());
        Cli.Run show = Cli.run("events", "show", id, "--config", config.toString());
        assertThat(show.out()).contains("copies:        3 (received 3 times;");
    }

    @Test
    void theSameBodyAfterTheWindowIsANewEvent() throws Exception {
        start(null);
        String first = post(BODY, null).path("id").asText();
        assertThat(delivered()).isEqualTo(first);
        awaitDelivered(1);
        clock.advance(Duration.ofMinutes(10));
        JsonNode later = post(BODY, null);

        assertThat(later.has("duplicate")).isFalse();
        assertThat(later.path("id").asText()).isNotEqualTo(first);
        assertThat(later.path("deliveries").asInt()).isEqualTo(1);
        assertThat(delivered()).isEqualTo(later.path("id").asText());
    }

    @Test
    void theSameBytesUnderAnotherTopicAreAnotherEvent() throws Exception {
        start(null);
        String first = post(BODY, "chat").path("id").asText();
        JsonNode other = post(BODY, "lead-submission");
        JsonNode none = post(BODY, null);

        assertThat(other.has("duplicate")).isFalse();
        assertThat(none.has("duplicate")).as("no topic is not the same as a topic").isFalse();
        assertThat(java.util.Set.of(first, other.path("id").asText(), none.path("id").asText())).hasSize(3);
    }

    @Test
    void aZeroWindowDeliversEveryCopy() throws Exception {
        start("0");
        String first = post(BODY, null).path("id").asText();
        JsonNode second = post(BODY, null);

        assertThat(second.has("duplicate")).isFalse();
        assertThat(java.util.List.of(delivered(), delivered())).containsExactly(first, second.path("id").asText());
    }

    @Test
    void twoRelaysOnOnePostgresReceivingTheSameBodyAtOnceStoreItOnce() throws Exception {
        String store = Postgres.freshDatabase();
        String yaml = """
                server: {port: 0}
                store: {url: "%s"}
                chat_data: {signing_secrets: ["%s"]}
                """.formatted(store, RelayUnderTest.SECRET) + routes();
        try (Relay a = Relay.start(Platforms.loader(Map.of()).parse(yaml), clock);
             Relay b = Relay.start(Platforms.loader(Map.of()).parse(yaml), clock)) {
            java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(8);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<JsonNode>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int port = (i % 2 == 0 ? a : b).port();
                answers.add(senders.submit(() -> {
                    go.await();
                    return JSON.readTree(Http.postSigned(port, RelayUnderTest.SECRET, BODY).body());
                }));
            }
            go.countDown();
            java.util.Set<String> ids = new java.util.HashSet<>();
            int stored = 0;
            for (java.util.concurrent.Future<JsonNode> answer : answers) {
                ids.add(answer.get().path("id").asText());
                stored += answer.get().has("duplicate") ? 0 : 1;
            }
            senders.shutdown();

            assertThat(ids).hasSize(1);
            assertThat(stored).isEqualTo(1);
            assertThat(delivered()).isEqualTo(ids.iterator().next());
            assertThat(crm.poll(QUIET)).as("one delivery for all eight copies").isNull();
        }
    }
}
