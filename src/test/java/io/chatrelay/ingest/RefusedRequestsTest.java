package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.RawHttp;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused request leaves a trace: a WARN line per reason a minute, with the sender's address and,
 * for a signature, how many secrets were tried, and the last few hundred in {@code GET /admin/refused}.
 */
class RefusedRequestsTest {

    private static final String TOKEN = "refused-admin-token-0123456789";
    private static final String OLD_SECRET = "old-signing-secret-4711";
    private static final String NEW_SECRET = "new-signing-secret-0815";
    private static final String WRONG_SECRET = "a-rotated-secret-nobody-told-us";
    private static final String BODY = "{\"event\":\"chat\",\"conversation_id\":\"body-marker-77\"}";

    @TempDir
    Path dir;

    private Relay relay(ManualClock clock) throws Exception {
        return Relay.start(Platforms.loader(Map.of()).parse("""
                server: {port: 0}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s", "%s"]}
                admin: {token: "%s"}
                destinations: {crm: {type: webhook, url: "http://127.0.0.1:9/hook"}}
                routes: [{name: all, to: [crm]}]
                """.formatted(dir.resolve("relay.db"), OLD_SECRET, NEW_SECRET, TOKEN)), clock);
    }

    private static String wronglySigned(String topic) {
        String signature = SignatureVerifier.sign(new Secret(WRONG_SECRET), Http.utf8(BODY));
        return "POST /webhooks/chat-data HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                + SignatureVerifier.HEADER + ": " + signature + "\r\nx-chat-data-topic: " + topic
                + "\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY;
    }

    private static List<String> refusalLines(LogCapture log) {
        return log.text().lines().filter(line -> line.contains("refused a request")).toList();
    }

    @Test
    void aWrongSecretUnderAFloodOfTenThousandLogsOneWarnLineAMinute() throws Exception {
        ManualClock clock = new ManualClock();
        try (Relay relay = relay(clock); LogCapture log = new LogCapture()) {
            int answered = RawHttp.flood(relay.port(), wronglySigned("chat"), 10_000, false);

            assertThat(answered).isEqualTo(10_000);
            List<String> lines = refusalLines(log);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("WARN", "127.0.0.1", "matches no signing secret (2 tried", "reason signature",
                    "HTTP 401");
            clock.advance(Duration.ofSeconds(61));
            assertThat(RawHttp.exchange(relay.port(), wronglySigned("chat")).status()).isEqualTo(401);

            lines = refusalLines(log);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).contains("127.0.0.1", "(and 9999 more like it since");
            String signature = SignatureVerifier.sign(new Secret(WRONG_SECRET), Http.utf8(BODY));
            assertThat(log.text()).doesNotContain(OLD_SECRET, NEW_SECRET, WRONG_SECRET, signature, "body-marker-77");
        }
    }

    @Test
    void eachReasonHasALineOfItsOwnWithinTheSameMinute() throws Exception {
        try (Relay relay = relay(new ManualClock()); LogCapture log = new LogCapture()) {
            Http.post(relay.port(), "/webhooks/chat-data", Http.utf8(BODY), null, "chat");
            Http.post(relay.port(), "/webhooks/chat-data", Http.utf8("not json"),
                    SignatureVerifier.sign(new Secret(NEW_SECRET), Http.utf8("not json")), "chat");
            Http.post(relay.port(), "/webhooks/chat-data", new byte[1_048_577], null, "chat");

            assertThat(refusalLines(log)).hasSize(3).anySatisfy(line -> assertThat(line)
                    .contains("no x-chat-data-hmac-sha256 header (no secret tried; 2 configured)", "reason signature"))
                    .anySatisfy(line -> assertThat(line).contains("body is not valid JSON", "reason json"))
                    .anySatisfy(line -> assertThat(line).contains("body is larger than 1048576 bytes", "reason size"));
        }
    }

    @Test
    void adminRefusedListsTheLastThreeHundredNewestFirstWithoutTheirBodies() throws Exception {
        try (Relay relay = relay(new ManualClock())) {
            RawHttp.exchange(relay.port(), wronglySigned("x".repeat(500)));
            for (int i = 0; i < Refusals.KEPT; i++) {
                Http.post(relay.port(), "/webhooks/chat-data", Http.utf8(BODY), "bm90LWEtc2lnbmF0dXJl", "topic-" + i);
            }
            Http.post(relay.port(), "/webhooks/chat-data", Http.utf8("[1]"),
                    SignatureVerifier.sign(new Secret(OLD_SECRET), Http.utf8("[1]")), "last");

            Http.Reply reply = get(relay, "/admin/refused");
            assertThat(reply.status()).isEqualTo(200);
            JsonNode refused = new ObjectMapper().readTree(reply.body()).path("refused");
            assertThat(refused).hasSize(Refusals.KEPT);
            assertThat(refused.get(0).path("topic").asText()).isEqualTo("last");
            assertThat(refused.get(0).path("reason").asText()).isEqualTo("json");
            assertThat(refused.get(0).path("status").asInt()).isEqualTo(400);
            assertThat(refused.get(0).path("size_bytes").asLong()).isEqualTo(3);
            assertThat(refused.get(1).path("topic").asText()).isEqualTo("topic-299");
            assertThat(refused.get(1).path("reason").asText()).isEqualTo("signature");
            assertThat(refused.get(1).path("address").asText()).isEqualTo("127.0.0.1");
            assertThat(refused.get(1).path("at").asText()).isNotEmpty();
            assertThat(refused.get(Refusals.KEPT - 1).path("topic").asText()).isEqualTo("topic-1");
            assertThat(reply.body()).doesNotContain("body-marker-77", "bm90LWEtc2lnbmF0dXJl", "x".repeat(201));
        }
    }

    @Test
    void adminRefusedCutsALongTopicAndTakesNoParameterNorAMissingToken() throws Exception {
        try (Relay relay = relay(new ManualClock())) {
            RawHttp.exchange(relay.port(), wronglySigned("x".repeat(500)));

            JsonNode refused = new ObjectMapper().readTree(get(relay, "/admin/refused").body()).path("refused");
            assertThat(refused).hasSize(1);
            assertThat(refused.get(0).path("topic").asText()).startsWith("xxx").endsWith("…(500 chars)").hasSizeLessThan(250);
            assertThat(get(relay, "/admin/refused?limit=5").status()).isEqualTo(400);
            assertThat(Http.get(relay.port(), "/admin/refused").status()).isEqualTo(401);
        }
    }

    @Test
    void nothingRefusedIsAnEmptyList() throws Exception {
        try (Relay relay = relay(new ManualClock())) {
            assertThat(get(relay, "/admin/refused").body()).isEqualTo("{\"refused\":[]}");
        }
    }

    private static Http.Reply get(Relay relay, String path) {
        return Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port() + path)
                .header("Authorization", "Bearer " + TOKEN).build());
    }
}
