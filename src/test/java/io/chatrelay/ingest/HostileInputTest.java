package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.config.Secret;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the ingest endpoint with a fixed seed: random bytes, deep nesting, wrong types in every
 * field, huge strings, bad UTF-8 and junk headers, signed and unsigned. Only 200, 400, 401, 413 and
 * 431 may come back, each rejection as JSON; the relay stays healthy; nothing rejected is delivered.
 */
class HostileInputTest {

    private static final long SEED = 20261124L;
    /** 431 is Jetty's answer (as JSON) when all headers together pass 32 KB: the request never reaches the relay. */
    private static final Set<Integer> ALLOWED = Set.of(200, 400, 401, 413, 431);

    @TempDir
    Path dir;

    @Test
    void onlyAnswersWithKnownStatusesAndDeliversOnlyWhatItAccepted() throws Exception {
        try (Sink sink = Sink.ok()) {
            try (Relay relay = Relay.start(RelayUnderTest.config(dir, """
                    destinations: {crm: {type: webhook, url: "%s", rate_limit: {requests: 100000, per: 1s}}}
                    routes: [{name: all, to: [crm]}]
                    """.formatted(sink.url("/hook"))))) {
                Random random = new Random(SEED);
                List<String> unexpected = new ArrayList<>();
                int accepted = 0;
                for (int i = 0; i < 400; i++) {
                    byte[] body = body(random, i);
                    boolean signed = random.nextInt(4) != 0;
                    Request request = request(relay.port(), body, signed, random);
                    Http.Reply reply = Http.execute(request);
                    if (!ALLOWED.contains(reply.status()) || (reply.status() != 200 && !reply.body().startsWith("{\"error\":"))) {
                        unexpected.add("case " + i + ": " + reply.status() + " " + reply.body());
                    }
                    // a copy of an accepted body (the fuzz repeats some) is answered 200 and not delivered again
                    accepted += reply.status() == 200 && !reply.body().contains("\"duplicate\":true") ? 1 : 0;
                }

                assertThat(unexpected).isEmpty();
                assertThat(accepted).as("the fuzz reaches the accepting path too").isGreaterThan(20);
                assertThat(Http.get(relay.port(), "/healthz").status()).isEqualTo(200);
                Http.Reply chat = Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("chat"));
                assertThat(chat.status()).isEqualTo(200);
                int expected = accepted + (chat.body().contains("\"duplicate\":true") ? 0 : 1);
                Eventually.holds("every accepted event is delivered", Duration.ofSeconds(20),
                        () -> sink.requestCount() >= expected);
                assertThat(sink.poll(Duration.ofMillis(300))).isNotNull(); // drain one to check the count below
                assertThat(sink.requestCount()).as("nothing rejected was delivered").isEqualTo(expected);
            }
        }
    }

    private static Request request(int port, byte[] body, boolean signed, Random random) {
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + "/webhooks/chat-data")
                .post(RequestBody.create(body, MediaType.get(random.nextBoolean() ? "application/json" : "text/plain")));
        if (signed) {
            request.header(SignatureVerifier.HEADER, SignatureVerifier.sign(new Secret(RelayUnderTest.SECRET), body));
        } else if (random.nextBoolean()) {
            request.header(SignatureVerifier.HEADER, junkHeader(random));
        }
        if (random.nextBoolean()) {
            request.header("x-chat-data-topic", junkHeader(random));
        }
        return request.build();
    }

    private static byte[] body(Random random, int i) {
        return switch (i % 8) {
            case 0 -> randomBytes(random, random.nextInt(2_000));
            case 1 -> ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
            case 2 -> ("{\"a\":".repeat(1_000) + "1" + "}".repeat(1_000)).getBytes(StandardCharsets.UTF_8);
            case 3 -> wrongTypes(random);
            case 4 -> ("{\"event\":\"chat\",\"answer\":{\"content\":\"" + "x".repeat(random.nextInt(900_000)) + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            case 5 -> badUtf8(random);
            case 6 -> new byte[2 * 1_048_576];
            default -> Fixtures.bytes(Fixtures.ALL.get(random.nextInt(Fixtures.ALL.size())));
        };
    }

    private static byte[] wrongTypes(Random random) {
        String[] fields = {"event", "messages", "answer", "lead", "client_ip", "chatbot_id", "conversation_id",
                "handling_url", "conversation_start_time", "cost_credits", "source", "name", "email"};
        String[] values = {"1", "-1e309", "true", "null", "[]", "{}", "\"\"", "[1,[2,[3]]]", "{\"content\":{}}",
                "\"{not json\"", "\"[{\\\"role\\\":5}]\"", "1.5", "\"\\u0000\""};
        StringBuilder json = new StringBuilder("{");
        for (int f = 0; f < fields.length; f++) {
            json.append(f == 0 ? "" : ",").append('"').append(fields[f]).append("\":")
                    .append(values[random.nextInt(values.length)]);
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] badUtf8(Random random) {
        byte[] prefix = "{\"event\":\"chat\",\"answer\":{\"content\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 10];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        for (int i = prefix.length; i < body.length - 3; i++) {
            body[i] = (byte) (0x80 | random.nextInt(0x40)); // continuation bytes with no lead byte
        }
        body[body.length - 3] = '"';
        body[body.length - 2] = '}';
        body[body.length - 1] = '}';
        return body;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String junkHeader(Random random) {
        StringBuilder junk = new StringBuilder();
        int length = random.nextInt(3) == 0 ? 20_000 : random.nextInt(60);
        for (int i = 0; i < length; i++) {
            junk.append((char) (0x21 + random.nextInt(0x5e))); // visible ASCII: what an HTTP client will send
        }
        return junk.toString();
    }
}
