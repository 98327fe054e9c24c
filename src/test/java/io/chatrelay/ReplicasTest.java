package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.Postgres;
import io.chatrelay.testkit.RelayProcess;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two relay processes on one PostgreSQL, as behind a load balancer. */
class ReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void deliverEachEventOnceAndLoseNothingWhenOneIsKilled() throws Exception {
        Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
        try (MockWebServer crm = new MockWebServer()) {
            crm.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    arrivals.computeIfAbsent(request.getHeaders().get("X-Relay-Event-Id"), id -> new AtomicInteger())
                            .incrementAndGet();
                    return new MockResponse.Builder().code(200).headersDelay(20, TimeUnit.MILLISECONDS).build();
                }
            });
            crm.start(0);
            String store = Postgres.freshDatabase();
            int portA = RelayProcess.freePort();
            int portB = RelayProcess.freePort();
            try (RelayProcess a = RelayProcess.start(config("a.yaml", portA, store, crm), portA, dir.resolve("a.log"));
                 RelayProcess b = RelayProcess.start(config("b.yaml", portB, store, crm), portB, dir.resolve("b.log"))) {

                Set<String> healthy = post(300, a, b);
                Eventually.holds("all delivered while both are healthy", Duration.ofSeconds(60),
                        () -> arrivals.keySet().containsAll(healthy));
                assertThat(healthy).allSatisfy(id -> assertThat(arrivals.get(id).get()).as(id).isEqualTo(1));

                Set<String> duringKill = post(300, a, b);
                Eventually.holds("deliveries of the second batch are flowing",
                        () -> duringKill.stream().filter(arrivals::containsKey).count() >= 30);
                a.kill();
                Eventually.holds("every acknowledged event arrives after replica a was killed",
                        Duration.ofSeconds(60), () -> arrivals.keySet().containsAll(duringKill));

                long duplicates = duringKill.stream().filter(id -> arrivals.get(id).get() > 1).count();
                System.out.printf("replicas test: 300 events with both healthy, 0 duplicates; 300 more with "
                        + "replica a killed mid-load, %d delivered twice%n", duplicates);
                // Only a send whose outcome died with a can go out again: a had at most 8 sends to crm in flight
                // and 32 answered ones whose outcome was being recorded (a send frees its place once answered;
                // claimed deliveries it had not started were never sent), b sends those again
                // once their claims lapse. Every outcome is fenced by its claim, so no delivery is recorded twice
                // nor put back after b recorded it: nothing arrives a third time.
                assertThat(duringKill).allSatisfy(id -> assertThat(arrivals.get(id).get()).as(id).isLessThanOrEqualTo(2));
                assertThat(duplicates).as("at most a's sends in flight and outcomes being recorded at the kill")
                        .isLessThanOrEqualTo(8 + 32);
                assertThat(b.terminate()).isZero();
            }
        }
    }

    /** Posts {@code count} events, alternating between the replicas; returns the acknowledged ids. */
    private static Set<String> post(int count, RelayProcess a, RelayProcess b) throws Exception {
        Set<String> acknowledged = new HashSet<>();
        for (int i = 0; i < count; i++) {
            RelayProcess replica = i % 2 == 0 ? a : b;
            Http.Reply reply = Http.postSigned(replica.port(), RelayUnderTest.SECRET,
                    RelayUnderTest.chat("c" + (i % 25), "m" + i));
            assertThat(reply.status()).isEqualTo(200);
            acknowledged.add(JSON.readTree(reply.body()).path("id").asText());
        }
        return acknowledged;
    }

    private Path config(String name, int port, String store, MockWebServer crm) throws Exception {
        return Files.writeString(dir.resolve(name), """
                server: {port: %d}
                store: {url: "%s"}
                chat_data: {signing_secrets: ["%s"]}
                delivery: {timeout: 1s, max_attempts: 1000, backoff: {initial: 50ms, max: 200ms}}
                destinations: {crm: {type: webhook, url: "%s"}}
                routes: [{name: all, to: [crm]}]
                """.formatted(port, store, RelayUnderTest.SECRET, crm.url("/hook")));
    }

}
