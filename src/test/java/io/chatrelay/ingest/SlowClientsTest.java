package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients without the secret that send their body slowly, or not at all, cost the relay neither
 * threads nor the attention signed events and health checks need. Raw sockets play the attackers.
 */
class SlowClientsTest {

    private static final int SLOW_SENDERS = 300;
    private static final String WRONG_SIGNATURE = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dir;

    @Test
    void slowBodiesCannotStarveSignedEventsOrHealthAndEachGets408() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        List<Socket> attackers = new ArrayList<>();
        try (Sink crm = Sink.ok(); Relay relay = start(crm, "2s")) {
            assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("warm", "up")).status())
                    .isEqualTo(200);
            for (int i = 0; i < SLOW_SENDERS; i++) {
                Socket socket = connect(relay.port());
                attackers.add(socket);
                socket.getOutputStream().write(headers(1_048_576, WRONG_SIGNATURE));
                socket.getOutputStream().write('{');
            }
            // every few hundred milliseconds each attacker sends one more byte: an idle timeout never fires
            trickle.scheduleAtFixedRate(() -> attackers.forEach(SlowClientsTest::oneByte), 0, 300, TimeUnit.MILLISECONDS);

            OkHttpClient impatient = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(1)).build();
            byte[] event = RelayUnderTest.chat("c1", "through the flood");
            try (Response signed = impatient.newCall(signed(relay.port(), event)).execute();
                 Response health = impatient.newCall(new Request.Builder()
                         .url("http://127.0.0.1:" + relay.port() + "/healthz").build()).execute()) {
                assertThat(signed.code()).isEqualTo(200);
                assertThat(health.code()).isEqualTo(200);
            }

            for (Socket socket : attackers) {
                assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 408 Request Timeout");
            }
            assertThat(Http.get(relay.port(), "/metrics").body())
                    .contains("chatrelay_requests_rejected_total{reason=\"timeout\"} " + SLOW_SENDERS + ".0");
        } finally {
            trickle.shutdownNow();
            for (Socket socket : attackers) {
                socket.close();
            }
        }
    }

    @Test
    void headersThatNeverEndAreCutOffAfterTheReadTimeout() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (Sink crm = Sink.ok(); Relay relay = start(crm, "500ms"); Socket socket = connect(relay.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /webhooks/chat-data HTTP/1.1\r\nHost: relay\r\n".getBytes(StandardCharsets.US_ASCII));
            // a header line every 200 ms: the connection is never idle, the headers never end
            trickle.scheduleAtFixedRate(() -> {
                try {
                    out.write("X-Slow: a\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    // what the test waits for
                }
            }, 0, 200, TimeUnit.MILLISECONDS);

            assertThat(closedByTheRelay(socket)).isTrue();
            assertThat(Http.get(relay.port(), "/metrics").body())
                    .contains("chatrelay_requests_rejected_total{reason=\"timeout\"} 1.0");
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void aClientThatHangsUpMidBodyIsCountedAsAbortedNotAsAnError() throws Exception {
        try (Sink crm = Sink.ok(); LogCapture log = new LogCapture(); Relay relay = start(crm, "10s")) {
            try (Socket socket = connect(relay.port())) {
                socket.getOutputStream().write(headers(1_000, WRONG_SIGNATURE));
                socket.getOutputStream().write("{\"event\":".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }

            Eventually.holds("the abort is counted", () -> Http.get(relay.port(), "/metrics").body()
                    .contains("chatrelay_requests_rejected_total{reason=\"aborted\"} 1.0"));
            String metrics = Http.get(relay.port(), "/metrics").body();
            assertThat(metrics).doesNotContain("status=\"500\"");
            assertThat(log.text()).doesNotContain("ERROR");
            assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("c1", "after")).status())
                    .isEqualTo(200);
        }
    }

    private Relay start(Sink crm, String readTimeout) throws Exception {
        return Relay.start(Platforms.loader(Map.of()).parse("""
                server: {port: 0, read_timeout: %s}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                destinations: {crm: {type: webhook, url: "%s"}}
                routes: [{name: all, to: [crm]}]
                """.formatted(readTimeout, dir.resolve("relay.db"), RelayUnderTest.SECRET, crm.url("/hook"))));
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static byte[] headers(long contentLength, String signature) {
        return ("POST /webhooks/chat-data HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n" + SignatureVerifier.HEADER + ": " + signature + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void oneByte(Socket socket) {
        try {
            socket.getOutputStream().write(' ');
        } catch (IOException answeredAndClosed) {
            // the relay gave up on it: what the test waits for
        }
    }

    private static Request signed(int port, byte[] body) {
        return new Request.Builder().url("http://127.0.0.1:" + port + "/webhooks/chat-data")
                .header(SignatureVerifier.HEADER, SignatureVerifier.sign(new Secret(RelayUnderTest.SECRET), body))
                .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    }

    /** True once the relay closes the connection; a read timeout (15 s) fails the test instead. */
    private static boolean closedByTheRelay(Socket socket) throws IOException {
        try {
            while (socket.getInputStream().read() != -1) {
                // nothing is expected before the close; skip whatever comes
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private static String statusLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\r'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }
}
