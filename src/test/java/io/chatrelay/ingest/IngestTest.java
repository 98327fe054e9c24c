package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.Sink;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class IngestTest {

    private static final String SECRET = "current-secret";
    private static final String OLD_SECRET = "previous-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(300);

    private Sink crm;
    private Relay relay;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @BeforeEach
    void start() throws Exception {
        crm = Sink.ok();
        String yaml = """
                server: {port: 0, max_body_bytes: 4096}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s", "%s"]}
                destinations:
                  crm: {type: webhook, url: "%s"}
                routes:
                  - name: everything
                    to: [crm]
                """.formatted(dir.resolve("relay.db"), SECRET, OLD_SECRET, crm.url("/hook"));
        RelayConfig config = Platforms.loader(Map.of()).parse(yaml);
        relay = Relay.start(config);
    }

    @AfterEach
    void stop() {
        relay.close();
        crm.close();
    }

    static final java.util.List<String> FIXTURES = Fixtures.ALL;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void acceptsEveryDocumentedEventAndDeliversIt(String fixture) throws Exception {
        Http.Reply reply = Http.postSigned(relay.port(), SECRET, Fixtures.bytes(fixture));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode answer = JSON.readTree(reply.body());
        assertThat(answer.path("event").asText()).isEqualTo(fixture);
        assertThat(answer.path("deliveries").asInt()).isEqualTo(1);
        assertThat(answer.path("id").asText()).isNotBlank();
        RecordedRequest forwarded = crm.take();
        assertThat(forwarded.getHeaders().get("X-Relay-Event-Id")).isEqualTo(answer.path("id").asText());
    }

    @Test
    void acceptsASignatureMadeWithTheRotatedOutSecret() {
        assertThat(Http.postSigned(relay.port(), OLD_SECRET, Fixtures.bytes("chat")).status()).isEqualTo(200);
    }

    @Test
    void rejectsAWrongSignatureWithoutDeliveringAnything() {
        Http.Reply reply = Http.postSigned(relay.port(), "not-the-secret", Fixtures.bytes("chat"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo("{\"error\":\"signature does not match\"}");
        assertThat(crm.poll(QUIET)).isNull();
    }

    @Test
    void rejectsAMissingSignature() {
        Http.Reply reply = Http.post(relay.port(), "/webhooks/chat-data", Fixtures.bytes("chat"), null, null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).contains("missing signature");
    }

    @Test
    void rejectsASignatureThatIsNotBase64() {
        Http.Reply reply = Http.post(relay.port(), "/webhooks/chat-data", Fixtures.bytes("chat"), "not base64!!", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).contains("malformed signature");
    }

    @Test
    void rejectsAHugeSignatureHeaderWithJson() {
        String huge = Base64.getEncoder().encodeToString(new byte[12_000]);

        Http.Reply reply = Http.post(relay.port(), "/webhooks/chat-data", Fixtures.bytes("chat"), huge, null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).contains("malformed signature");
    }

    @Test
    void rejectsABodyChangedAfterSigning() {
        byte[] body = Fixtures.bytes("lead-submission");
        String signature = SignatureVerifier.sign(new Secret(SECRET), body);
        byte[] tampered = Fixtures.text("lead-submission").replace("lead@example.com", "evil@example.com")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Http.Reply reply = Http.post(relay.port(), "/webhooks/chat-data", tampered, signature, null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(crm.poll(QUIET)).isNull();
    }

    @Test
    void verifiesTheExactBytesWhateverTheContentType() {
        byte[] body = "{ \"event\" :\"chat\",\n\t\"answer\": {\"content\": \"é\"} }".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Http.Reply reply = Http.postSigned(relay.port(), SECRET, body);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(crm.take().getBody().toByteArray()).isEqualTo(body);
    }

    @Test
    void rejectsABodyOverTheLimitWith413() {
        byte[] big = ("{\"event\":\"chat\",\"pad\":\"" + "x".repeat(5_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Http.Reply reply = Http.postSigned(relay.port(), SECRET, big);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).contains("larger than 4096 bytes");
    }

    @Test
    void rejectsAChunkedBodyOverTheLimitWhileReadingIt() {
        byte[] big = new byte[10_000];
        okhttp3.RequestBody chunked = new okhttp3.RequestBody() {
            @Override
            public okhttp3.MediaType contentType() {
                return okhttp3.MediaType.get("application/json");
            }

            @Override
            public long contentLength() {
                return -1; // unknown length: sent chunked, so only reading can find the size
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
                sink.write(big);
            }
        };
        okhttp3.Request request = new okhttp3.Request.Builder()
                .url("http://127.0.0.1:" + relay.port() + "/webhooks/chat-data")
                .header(SignatureVerifier.HEADER, SignatureVerifier.sign(new Secret(SECRET), big))
                .post(chunked).build();

        assertThat(Http.execute(request).status()).isEqualTo(413);
    }

    @Test
    void rejectsABodyThatIsNotJsonWith400() {
        Http.Reply reply = Http.postSigned(relay.port(), SECRET, Http.utf8("event=chat"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("{\"error\":\"body is not valid JSON\"}");
    }

    @Test
    void rejectsJsonThatIsNotAnObjectWith400() {
        Http.Reply reply = Http.postSigned(relay.port(), SECRET, Http.utf8("[{\"event\":\"chat\"}]"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("must be a JSON object");
    }

    @Test
    void takesTheEventTypeFromTheTopicHeaderWhenTheBodyHasNone() throws Exception {
        byte[] body = Http.utf8("{\"chatbot_id\":\"abc\",\"lead\":{\"email\":\"a@b.c\"}}");
        String signature = SignatureVerifier.sign(new Secret(SECRET), body);

        Http.Reply reply = Http.post(relay.port(), "/webhooks/chat-data", body, signature, "lead-submission");

        assertThat(JSON.readTree(reply.body()).path("event").asText()).isEqualTo("lead-submission");
        assertThat(crm.take().getHeaders().get("x-chat-data-topic")).isEqualTo("lead-submission");
    }

    @Test
    void acceptsAnUnknownEventType() throws Exception {
        Http.Reply reply = Http.postSigned(relay.port(), SECRET, Http.utf8("{\"event\":\"conversation-rated\",\"stars\":5}"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(JSON.readTree(reply.body()).path("event").asText()).isEqualTo("conversation-rated");
        assertThat(crm.take()).isNotNull();
    }

    @Test
    void answersJsonForWrongMethodsAndPaths() {
        Http.Reply wrongMethod = Http.get(relay.port(), "/webhooks/chat-data");
        Http.Reply wrongPath = Http.get(relay.port(), "/nope");

        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("\"error\"");
        assertThat(wrongPath.status()).isEqualTo(404);
        assertThat(wrongPath.body()).contains("\"error\"");
    }

    @Test
    void reportsHealthy() {
        assertThat(Http.get(relay.port(), "/healthz").status()).isEqualTo(200);
    }
}
