package io.chatrelay.deliver;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures a destination can throw at the relay, over real HTTP and a real SQLite store. */
class FaultToleranceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAST_RETRIES = "delivery: {max_attempts: 5, backoff: {initial: 20ms, max: 100ms}}\n";

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

    private void startWith(String type, String extra) throws Exception {
        sink = Sink.ok();
        String url = type.equals("webhook") ? "url" : "webhook_url";
        relay = Relay.start(RelayUnderTest.config(dir, FAST_RETRIES + """
                admin: {token: admin-token}
                destinations:
                  target: {type: %s, %s: "%s", rate_limit: {requests: 1000, per: 1s} %s}
                routes:
                  - {name: all, to: [target]}
                """.formatted(type, url, sink.url("/api/webhooks/1/token"), extra)));
    }

    private static double secondsBetween(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    @Test
    void retriesOn429HonouringRetryAfterSeconds() throws Exception {
        startWith("slack", "");
        sink.then(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").body("rate_limited").build());

        Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
        sink.take();
        sink.take(Duration.ofSeconds(10));

        List<Long> arrivals = sink.arrivalNanos();
        assertThat(secondsBetween(arrivals.get(0), arrivals.get(1))).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void holdsDeliveriesClaimedButNotStartedWhenADestinationAnswers429() throws Exception {
        String waiting = """
                destinations:
                  target: {type: webhook, url: "%s", rate_limit: {requests: 1, per: 1h}}
                routes:
                  - {name: all, to: [target]}
                """;
        try (Sink first = Sink.ok(); Relay queueing = Relay.start(RelayUnderTest.config(dir,
                FAST_RETRIES + waiting.formatted(first.url("/first"))))) {
            for (int i = 0; i < 20; i++) {
                Http.postSigned(queueing.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("c" + i, "m" + i));
            }
            first.take(); // one goes out; the rate limit keeps the other 19 waiting in the store
        }
        sink = Sink.ok();
        sink.then(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
        for (int i = 0; i < 7; i++) { // the other sends already in flight answer once the pause is known
            sink.then(new MockResponse.Builder().code(200).headersDelay(500, TimeUnit.MILLISECONDS).build());
        }
        // all 19 are claimed in the first batch: 8 go out at once and 11 wait behind them
        relay = Relay.start(RelayUnderTest.config(dir, FAST_RETRIES + """
                destinations:
                  target: {type: webhook, url: "%s"}
                routes:
                  - {name: all, to: [target]}
                """.formatted(sink.url("/target"))));
        Eventually.holds("all delivered", Duration.ofSeconds(10), () -> relay.pendingDeliveries() == 0);

        List<Long> arrivals = sink.arrivalNanos();
        assertThat(arrivals).hasSize(20);
        for (long later : arrivals.subList(8, 20)) {
            assertThat(secondsBetween(arrivals.get(0), later)).as("waited for the pause").isGreaterThanOrEqualTo(2.0);
        }
    }

    @Test
    void retriesOn429HonouringRetryAfterAsAnHttpDate() throws Exception {
        startWith("slack", "");
        // an HTTP date has whole seconds: three whole seconds after the current one is more than three away
        String moreThanThreeSecondsAway = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).withNano(0).plusSeconds(4));
        sink.then(new MockResponse.Builder().code(503).addHeader("Retry-After", moreThanThreeSecondsAway).build());

        Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
        sink.take();
        sink.take(Duration.ofSeconds(10));

        List<Long> arrivals = sink.arrivalNanos();
        assertThat(secondsBetween(arrivals.get(0), arrivals.get(1))).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void retriesOnDiscord429HonouringItsJsonRetryAfter() throws Exception {
        startWith("discord", "");
        sink.then(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
                .body("{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}").build());

        Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("lead-submission"));
        sink.take();
        sink.take(Duration.ofSeconds(10));

        List<Long> arrivals = sink.arrivalNanos();
        assertThat(secondsBetween(arrivals.get(0), arrivals.get(1))).isGreaterThanOrEqualTo(1.5);
    }

    @Test
    void pausesADestinationThatSaysItHasNoRequestsLeft() throws Exception {
        startWith("discord", "");
        sink.then(new MockResponse.Builder().code(204).addHeader("X-RateLimit-Remaining", "0")
                .addHeader("X-RateLimit-Reset-After", "1.2").build());

        Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("lead-submission"));
        sink.take();
        // the answer's headers can only hold back sends that start after it has been read
        io.chatrelay.testkit.Eventually.holds("the first delivery is settled", () -> relay.pendingDeliveries() == 0);
        Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.again(Fixtures.bytes("lead-submission"), 1));
        sink.take(Duration.ofSeconds(10));

        List<Long> arrivals = sink.arrivalNanos();
        assertThat(secondsBetween(arrivals.get(0), arrivals.get(1))).isGreaterThanOrEqualTo(1.2);
    }

    @Test
    void keepsUnderTheConfiguredRateLimit() throws Exception {
        sink = Sink.ok();
        relay = Relay.start(RelayUnderTest.config(dir, FAST_RETRIES + """
                destinations:
                  target: {type: webhook, url: "%s", rate_limit: {requests: 2, per: 1s, burst: 1}}
                routes:
                  - {name: all, to: [target]}
                """.formatted(sink.url("/hook"))));

        for (int i = 0; i < 5; i++) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("c" + i, "m" + i));
        }
        for (int i = 0; i < 5; i++) {
            sink.take(Duration.ofSeconds(10));
        }

        List<Long> arrivals = sink.arrivalNanos();
        assertThat(secondsBetween(arrivals.get(0), arrivals.get(4))).as("5 sends at 2/s").isGreaterThanOrEqualTo(1.9);
    }

    @Test
    void deadOn404AtOnceAndReplayedThroughTheAdminApiAfterRecovery() throws Exception {
        startWith("discord", "");
        sink.alwaysAnswer(new MockResponse.Builder().code(404)
                .body("{\"message\":\"Unknown Webhook\",\"code\":10015}").build());

        Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("lead-submission"));
        sink.take();
        JsonNode dead = awaitDeliveries("dead", 1);
        assertThat(dead.get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(dead.get(0).path("last_status").asInt()).isEqualTo(404);
        assertThat(dead.get(0).path("last_reason").asText()).contains("Unknown Webhook");
        assertThat(dead.get(0).path("destination").asText()).isEqualTo("target");
        assertThat(dead.get(0).path("event").asText()).isEqualTo("lead-submission");
        assertThat(sink.poll(Duration.ofMillis(300))).as("a 404 is not retried").isNull();

        sink.alwaysAnswer(Sink.status(204, ""));
        Http.Reply replay = admin("POST", "/admin/deliveries/" + dead.get(0).path("id").asLong() + "/replay");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo("{\"replayed\":1}");
        assertThat(sink.take()).isNotNull();
        awaitDeliveries("delivered", 1);
    }

    @Test
    void replaysEveryDeadLetterAtOnce() throws Exception {
        startWith("webhook", "");
        sink.alwaysAnswer(Sink.status(410, "gone"));
        Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("a", "1"));
        Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("b", "2"));
        awaitDeliveries("dead", 2);

        sink.alwaysAnswer(Sink.status(200, ""));
        Http.Reply replay = admin("POST", "/admin/dead-letters/replay");

        assertThat(replay.body()).isEqualTo("{\"replayed\":2}");
        awaitDeliveries("delivered", 2);
    }

    @Test
    void adminApiNeedsTheBearerToken() throws Exception {
        startWith("webhook", "");

        Http.Reply none = Http.get(relay.port(), "/admin/deliveries?status=dead");
        Http.Reply wrong = Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port()
                + "/admin/deliveries").header("Authorization", "Bearer nope").build());

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("{\"error\":\"admin token required\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(admin("GET", "/admin/deliveries?status=nonsense").status()).isEqualTo(400);
        assertThat(admin("POST", "/admin/deliveries/12345/replay").status()).isEqualTo(404);
    }

    @Test
    void adminApiIsAbsentWithoutAToken() throws Exception {
        sink = Sink.ok();
        relay = Relay.start(RelayUnderTest.config(dir, """
                destinations:
                  target: {type: webhook, url: "%s"}
                routes: [{name: all, to: [target]}]
                """.formatted(sink.url("/hook"))));

        Http.Reply reply = admin("GET", "/admin/deliveries");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).contains("\"error\"");
    }

    @Test
    void keepsAConversationInOrderThroughAFailureWithoutHoldingBackOthers() throws Exception {
        List<String> arrived = new CopyOnWriteArrayList<>();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String marker = request.getBody().utf8().replaceAll(".*\"marker\":\"([^\"]+)\".*", "$1");
                    if (marker.equals("A1") && !arrived.contains("B1")) { // A fails until B is through
                        return Sink.status(503, "busy");
                    }
                    arrived.add(marker);
                    return Sink.status(200, "");
                }
            });
            server.start(0);
            relay = Relay.start(RelayUnderTest.config(dir, """
                    delivery: {max_attempts: 100, backoff: {initial: 20ms, max: 100ms}}
                    destinations:
                      crm: {type: webhook, url: "%s"}
                    routes: [{name: all, to: [crm]}]
                    """.formatted(server.url("/hook"))));

            Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("A", "A1"));
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("A", "A2"));
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("B", "B1"));
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("A", "A3"));

            Eventually.holds("all four arrive", () -> arrived.size() == 4);
            assertThat(arrived).containsSubsequence("A1", "A2", "A3");
            // A1 failed until B1 had arrived: had B waited behind A's failures, A1 would never have arrived
            assertThat(arrived.indexOf("B1")).isLessThan(arrived.indexOf("A1"));
        }
    }

    private Http.Reply admin(String method, String path) {
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + relay.port() + path)
                .header("Authorization", "Bearer admin-token");
        if (method.equals("POST")) {
            request.post(okhttp3.RequestBody.create(new byte[0]));
        }
        return Http.execute(request.build());
    }

    private JsonNode awaitDeliveries(String status, int count) throws Exception {
        Eventually.holds(count + " " + status + " deliveries", () -> {
            try {
                return JSON.readTree(admin("GET", "/admin/deliveries?status=" + status).body())
                        .path("deliveries").size() == count;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        return JSON.readTree(admin("GET", "/admin/deliveries?status=" + status).body()).path("deliveries");
    }
}
