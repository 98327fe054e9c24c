package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayProcess;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay as a real process: events acknowledged while the destination is down survive a
 * SIGKILL, SIGHUP reloads the config, and SIGTERM drains and exits 0.
 */
class CrashRecoveryTest {

    private static final int EVENTS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void everyAcknowledgedEventArrivesAfterAKill() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        List<String> delivered = new CopyOnWriteArrayList<>();
        try (MockWebServer crm = new MockWebServer()) {
            crm.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (!up.get()) {
                        return new MockResponse.Builder().code(503).build();
                    }
                    delivered.add(request.getHeaders().get("X-Relay-Event-Id"));
                    return new MockResponse.Builder().code(200).build();
                }
            });
            crm.start(0);
            int port = RelayProcess.freePort();
            Path config = Files.writeString(dir.resolve("relay.yaml"), """
                    server: {port: %d}
                    store: {url: "jdbc:sqlite:%s"}
                    chat_data: {signing_secrets: ["%s"]}
                    delivery: {max_attempts: 1000, backoff: {initial: 50ms, max: 200ms}}
                    destinations: {crm: {type: webhook, url: "%s"}}
                    routes: [{name: all, to: [crm]}]
                    """.formatted(port, dir.resolve("relay.db"), RelayUnderTest.SECRET, crm.url("/hook")));

            Set<String> acknowledged = new HashSet<>();
            try (RelayProcess first = RelayProcess.start(config, port, dir.resolve("first.log"))) {
                for (int i = 0; i < EVENTS; i++) {
                    Http.Reply reply = Http.postSigned(port, RelayUnderTest.SECRET, RelayUnderTest.chat("c" + (i % 20), "m" + i));
                    assertThat(reply.status()).isEqualTo(200);
                    acknowledged.add(JSON.readTree(reply.body()).path("id").asText());
                }
                up.set(true);
                Eventually.holds("deliveries are flowing", () -> delivered.size() >= 30);
                first.kill();
            }
            int beforeKill = delivered.size();

            try (RelayProcess second = RelayProcess.start(config, port, dir.resolve("second.log"))) {
                Eventually.holds("every acknowledged event arrives", Duration.ofSeconds(60),
                        () -> new HashSet<>(delivered).containsAll(acknowledged));
                int duplicates = delivered.size() - new HashSet<>(delivered).size();
                System.out.printf("crash test: %d acknowledged, %d delivered before SIGKILL, %d deliveries in all, "
                        + "%d duplicates%n", acknowledged.size(), beforeKill, delivered.size(), duplicates);
                assertThat(new HashSet<>(delivered)).isEqualTo(acknowledged);
                // a send frees its place once answered, while its outcome is recorded: at the kill, up to 8
                // sends were going out and up to 32 answered ones were not recorded yet
                assertThat(duplicates).as("at most the sends in flight and the outcomes being recorded at the kill")
                        .isLessThanOrEqualTo(8 + 32);

                second.signal("HUP");
                Eventually.holds("SIGHUP reloads the config", () -> log("second.log").contains("config reloaded"));
                assertThat(second.terminate()).as("SIGTERM drains and exits 0").isZero();
            }
            assertThat(log("second.log")).contains("stopped");
        }
    }
}
