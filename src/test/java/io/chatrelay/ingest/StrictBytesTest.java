package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.Secret;
import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed bodies whose bytes are not what they claim to be, over real HTTP: malformed UTF-8, byte
 * order marks, UTF-16, repeated keys, numbers past a double, codings the relay does not decode.
 * Each gets a 4xx or 501 as JSON saying why; none is stored or delivered, and a good body after
 * them is.
 */
class StrictBytesTest {

    private static final String LEAD = "{\"event\":\"lead-submission\",\"lead\":{\"email\":\"a@x.example\"}";

    @TempDir
    Path dir;

    @Test
    void refusesSignedBodiesThatAreNotStrictJsonAndDeliversNoneOfThem() throws Exception {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String bytes : List.of("C0 AF", "E0 80 AF", "F0 80 80 AF", "F4 90 80 80", "F5 80 80 80")) {
            bodies.put(bytes, withBytes("{\"event\":\"chat\",\"answer\":{\"content\":\"a", bytes, "b\"}}"));
        }
        bodies.put("UTF-16 with its mark", (LEAD + "}").getBytes(StandardCharsets.UTF_16));
        bodies.put("UTF-8 with a mark", withBytes("", "EF BB BF", LEAD + "}"));
        bodies.put("a repeated key", Http.utf8(LEAD + ",\"event\":\"chat\"}"));
        bodies.put("a repeated nested key", Http.utf8(LEAD.replace("}", ",\"email\":\"b@x.example\"}") + "}"));
        bodies.put("a number past a double", Http.utf8(LEAD + ",\"score\":1e999999999}"));
        try (Sink sink = Sink.ok(); Relay relay = Relay.start(relayTo(sink))) {
            List<String> answers = new ArrayList<>();
            bodies.forEach((name, body) -> {
                Http.Reply reply = Http.postSigned(relay.port(), RelayUnderTest.SECRET, body);
                answers.add(name + " -> " + reply.status() + " " + reply.body());
            });

            assertThat(answers).containsExactly(
                    "C0 AF -> 400 {\"error\":\"body is not well-formed UTF-8 (at byte 38)\"}",
                    "E0 80 AF -> 400 {\"error\":\"body is not well-formed UTF-8 (at byte 38)\"}",
                    "F0 80 80 AF -> 400 {\"error\":\"body is not well-formed UTF-8 (at byte 38)\"}",
                    "F4 90 80 80 -> 400 {\"error\":\"body is not well-formed UTF-8 (at byte 38)\"}",
                    "F5 80 80 80 -> 400 {\"error\":\"body is not well-formed UTF-8 (at byte 38)\"}",
                    "UTF-16 with its mark -> 400 {\"error\":\"body is UTF-16 or UTF-32: send UTF-8\"}",
                    "UTF-8 with a mark -> 400 {\"error\":\"body starts with a byte order mark: send UTF-8 without one\"}",
                    "a repeated key -> 400 {\"error\":\"body has a duplicate key: event\"}",
                    "a repeated nested key -> 400 {\"error\":\"body has a duplicate key: lead.email\"}",
                    "a number past a double -> 400 {\"error\":\"body has a number outside the range of a double: score\"}");
            assertThat(Http.get(relay.port(), "/metrics").body())
                    .contains("chatrelay_requests_rejected_total{reason=\"json\"} " + bodies.size() + ".0");
            assertOnlyTheGoodOneIsDelivered(sink, relay);
        }
    }

    @Test
    void refusesSignedBodiesInACodingItDoesNotDecode() throws Exception {
        byte[] body = Http.utf8(LEAD + "}");
        String signature = SignatureVerifier.sign(new Secret(RelayUnderTest.SECRET), body);
        try (Sink sink = Sink.ok(); Relay relay = Relay.start(relayTo(sink))) {
            for (String codings : List.of("gzip, chunked", "identity, chunked")) {
                assertThat(postRaw(relay.port(), "HTTP/1.1", "Transfer-Encoding: " + codings, signature, body))
                        .startsWith("HTTP/1.1 501").endsWith("{\"error\":\"the only transfer coding accepted is chunked\"}");
            }
            assertThat(postRaw(relay.port(), "HTTP/1.0", "Transfer-Encoding: chunked", signature, body))
                    .contains(" 400 ").endsWith("{\"error\":\"Transfer-Encoding is not allowed in HTTP/1.0\"}");
            assertThat(postRaw(relay.port(), "HTTP/1.1", "Transfer-Encoding: chunked", signature, body))
                    .as("plain chunked still works").startsWith("HTTP/1.1 200");

            Eventually.holds("the chunked one is delivered", Duration.ofSeconds(10), () -> sink.requestCount() == 1);
            assertThat(sink.poll(Duration.ofMillis(200))).isNotNull();
            assertThat(sink.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void refusesSignedBodiesThatSayTheyAreSomethingElse() throws Exception {
        byte[] body = Http.utf8(LEAD + "}");
        java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
            gzip.write(body);
        }
        try (Sink sink = Sink.ok(); Relay relay = Relay.start(relayTo(sink))) {
            Http.Reply utf16 = post(relay.port(), body, "application/json; charset=UTF-16", null);
            Http.Reply latin1 = post(relay.port(), body, "text/plain;charset=\"ISO-8859-1\"", null);
            Http.Reply compressed = post(relay.port(), gzipped.toByteArray(), "application/json", "gzip");

            assertThat(List.of(utf16, latin1)).allSatisfy(reply -> assertThat(reply).isEqualTo(new Http.Reply(415,
                    "{\"error\":\"unsupported charset in Content-Type; send UTF-8\"}")));
            assertThat(compressed).isEqualTo(new Http.Reply(415,
                    "{\"error\":\"content codings are not accepted: send the body as it is\"}"));
            assertThat(post(relay.port(), body, "application/json; charset=utf-8", "identity").status()).isEqualTo(200);
            Eventually.holds("the UTF-8 one is delivered", Duration.ofSeconds(10), () -> sink.requestCount() == 1);
            assertThat(sink.poll(Duration.ofMillis(200))).isNotNull();
            assertThat(sink.requestCount()).isEqualTo(1);
        }
    }

    private static Http.Reply post(int port, byte[] body, String contentType, String contentEncoding) {
        okhttp3.Request.Builder request = new okhttp3.Request.Builder()
                .url("http://127.0.0.1:" + port + "/webhooks/chat-data")
                .header(SignatureVerifier.HEADER, SignatureVerifier.sign(new Secret(RelayUnderTest.SECRET), body))
                .post(okhttp3.RequestBody.create(body, null))
                .header("Content-Type", contentType);
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return Http.execute(request.build());
    }

    @Test
    void anEventAcceptedBeforeBodiesHadToBeStrictIsStillDelivered() throws Exception {
        byte[] body = withBytes("", "EF BB BF", "{\"event\":\"lead-submission\",\"event\":\"chat\",\"conversation_id\":\"c1\"}");
        try (Sink sink = Sink.ok()) {
            RelayConfig config = relayTo(sink);
            try (Store store = Store.open(config.store())) { // as an older version stored it
                store.outbox().enqueue(new RawEvent("evt-old", "chat", "c1", body, Instant.now()),
                        List.of(new Target("crm", "all")));
            }
            try (Relay relay = Relay.start(config)) {
                assertThat(sink.take().getBody().toByteArray()).isEqualTo(body);
            }
        }
    }

    private void assertOnlyTheGoodOneIsDelivered(Sink sink, Relay relay) throws Exception {
        assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, Http.utf8(LEAD + "}")).status()).isEqualTo(200);
        Eventually.holds("the good one is delivered", Duration.ofSeconds(10), () -> sink.requestCount() == 1);
        assertThat(sink.poll(Duration.ofMillis(200))).isNotNull();
        assertThat(sink.requestCount()).as("nothing refused was delivered").isEqualTo(1);
    }

    private io.chatrelay.config.RelayConfig relayTo(Sink sink) throws Exception {
        return RelayUnderTest.config(dir, """
                destinations: {crm: {type: webhook, url: "%s"}}
                routes: [{name: all, to: [crm]}]
                """.formatted(sink.url("/hook")));
    }

    /** One signed POST written by hand, its body in one chunk, so that any framing can be sent. */
    private static String postRaw(int port, String version, String framing, String signature, byte[] body)
            throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("POST /webhooks/chat-data " + version + "\r\nHost: relay\r\nConnection: close\r\n"
                    + SignatureVerifier.HEADER + ": " + signature + "\r\n" + framing + "\r\n\r\n"
                    + Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(body);
            request.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(request.toByteArray());
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code before}, the bytes given in hex, then {@code after}. */
    private static byte[] withBytes(String before, String hex, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Http.utf8(before));
        for (String part : hex.split(" ")) {
            out.write(Integer.parseInt(part, 16));
        }
        out.writeBytes(Http.utf8(after));
        return out.toByteArray();
    }
}
