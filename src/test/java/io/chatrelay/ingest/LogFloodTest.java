package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RawHttp;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests a stranger can send by the thousand, each refused with its own 4xx as JSON, and none
 * able to make the log grow without bound: no stack trace, no value longer than a log value may
 * be, at most one line per kind a minute. Through real sockets, pipelined.
 */
class LogFloodTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final int EACH = 10_000;
    private static final int LOG_BUDGET_BYTES = 64 * 1024;

    /** What a stranger sends, and whether the relay closes the connection after answering it. */
    private record Hostile(String request, boolean closes) {}

    private static final Map<String, Hostile> KINDS = kinds();

    @TempDir
    Path dir;

    private static Map<String, Hostile> kinds() {
        Map<String, Hostile> kinds = new LinkedHashMap<>();
        kinds.put("lower-case method", new Hostile("post /healthz HTTP/1.1\r\nHost: a\r\n\r\n", false));
        kinds.put("unknown method", new Hostile("BREW /webhooks/chat-data HTTP/1.1\r\nHost: a\r\n\r\n", false));
        kinds.put("bad charset", new Hostile(signIn("application/x-www-form-urlencoded; charset=bogus-42"), false));
        kinds.put("multipart", new Hostile(signIn("multipart/form-data; boundary=zz"), false));
        kinds.put("bad charset to ingest", new Hostile("POST /webhooks/chat-data HTTP/1.1\r\nHost: a\r\n"
                + "Content-Type: application/json; charset=x-unknown-9\r\nContent-Length: 2\r\n\r\n{}", false));
        kinds.put("duplicate host", new Hostile("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: " + "x".repeat(1_000)
                + "\r\n\r\n", true));
        kinds.put("oversized form", new Hostile("POST /admin/session HTTP/1.1\r\nHost: a\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\ntoken=", true));
        return kinds;
    }

    private static String signIn(String contentType) {
        return "POST /admin/session HTTP/1.1\r\nHost: a\r\nContent-Type: " + contentType
                + "\r\nContent-Length: 7\r\n\r\ntoken=x";
    }

    @Test
    void lowerCaseMethodIs400AsJsonOnAnyPath() throws Exception {
        try (Relay relay = relay()) {
            for (String path : new String[] {"/healthz", "/webhooks/chat-data", "/admin/events", "/nowhere"}) {
                RawHttp.Answer answer = RawHttp.exchange(relay.port(), "post " + path + " HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(answer.status()).as(path).isEqualTo(400);
                assertThat(answer.body()).startsWith("{\"error\":\"unknown method");
            }
        }
    }

    @Test
    void signInWithAnUnknownCharsetOrNotAFormIs415() throws Exception {
        try (Relay relay = relay()) {
            for (String type : new String[] {"application/x-www-form-urlencoded; charset=bogus-42",
                    "application/x-www-form-urlencoded; charset=\"b@d\"", "multipart/form-data; boundary=zz",
                    "multipart/form-data", "application/json"}) {
                RawHttp.Answer answer = RawHttp.exchange(relay.port(), signIn(type));
                assertThat(answer.status()).as(type).isEqualTo(415);
                assertThat(answer.body()).as(type).startsWith("{\"error\":");
            }
        }
    }

    @Test
    void aBodyInAnUnknownCharsetIs415OnAnyPath() throws Exception {
        try (Relay relay = relay()) {
            for (String path : new String[] {"/webhooks/chat-data", "/admin/session", "/admin/deliveries/1/replay"}) {
                RawHttp.Answer answer = RawHttp.exchange(relay.port(), "POST " + path + " HTTP/1.1\r\nHost: a\r\n"
                        + "Content-Type: application/json; charset=bogus-42\r\nContent-Length: 2\r\n\r\n{}");
                assertThat(answer.status()).as(path).isEqualTo(415);
                assertThat(answer.body()).as(path).isEqualTo("{\"error\":\"unsupported charset in Content-Type; send UTF-8\"}");
            }
        }
    }

    @Test
    void oversizedAdminFormIs413AsJson() throws Exception {
        try (Relay relay = relay()) {
            RawHttp.Answer declared = RawHttp.exchange(relay.port(), KINDS.get("oversized form").request());
            // over Javalin's own limit of 1,000,000 bytes, under the relay's 1 MiB: once a text/plain 413
            String justOver = "token=" + "a".repeat(1_000_001);
            RawHttp.Answer sent = RawHttp.exchange(relay.port(), "POST /admin/session HTTP/1.1\r\nHost: a\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + justOver.length()
                    + "\r\n\r\n" + justOver);

            assertThat(declared.status()).isEqualTo(413);
            assertThat(declared.body()).isEqualTo("{\"error\":\"body is larger than 1048576 bytes\"}");
            assertThat(sent.status()).isEqualTo(401);
            assertThat(sent.body()).startsWith("{\"error\":");
        }
    }

    @Test
    void duplicateHostIsLoggedCutToTheLengthOfALogValue() throws Exception {
        try (Relay relay = relay(); LogCapture log = new LogCapture()) {
            RawHttp.Answer answer = RawHttp.exchange(relay.port(),
                    "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: " + "x".repeat(15_000) + "\r\n\r\n");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).startsWith("{\"error\":");
            assertThat(log.text()).doesNotContain("x".repeat(201));
        }
    }

    @Test
    void tenThousandHostileRequestsOfEachKindGrowTheLogByLessThan64KB() throws Exception {
        try (Relay relay = relay(); LogCapture log = new LogCapture()) {
            Map<String, Integer> answered = new LinkedHashMap<>();
            for (Map.Entry<String, Hostile> kind : KINDS.entrySet()) {
                answered.put(kind.getKey(), RawHttp.flood(relay.port(), kind.getValue().request(), EACH,
                        kind.getValue().closes()));
            }

            assertThat(answered).allSatisfy((kind, count) -> assertThat(count).as(kind).isEqualTo(EACH));
            String text = log.text();
            assertThat(text.getBytes(StandardCharsets.UTF_8).length).as(text).isLessThan(LOG_BUDGET_BYTES);
            assertThat(text).doesNotContain("\tat ").doesNotContain("x".repeat(201));
            assertThat(RawHttp.exchange(relay.port(), "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n").status())
                    .isEqualTo(200);
        }
    }

    private Relay relay() throws Exception {
        return Relay.start(RelayUnderTest.config(dir, """
                admin: {token: "%s"}
                destinations: {crm: {type: webhook, url: "http://127.0.0.1:9/hook"}}
                routes: [{name: all, to: [crm]}]
                """.formatted(TOKEN)));
    }
}
