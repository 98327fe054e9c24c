package io.chatrelay.platform.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several recipients over a real relay and a Graph API stand-in. */
class WhatsAppDeliveryTest {

    @TempDir
    Path dir;

    @Test
    void eachRecipientGetsTheMessageOnceAndARetryNeverResendsToAnother() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
        try (MockWebServer graph = new MockWebServer()) {
            graph.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String body = request.getBody().utf8();
                    String to = body.replaceAll("(?s).*\"to\":\"(\\d+)\".*", "$1");
                    received.add(to);
                    boolean busy = to.equals("447700900123") && tries.computeIfAbsent(to, t -> new AtomicInteger())
                            .incrementAndGet() < 3; // the second recipient fails twice, then gets it
                    return busy ? new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"Service "
                            + "unavailable\",\"code\":131000}}").build()
                            : new MockResponse.Builder().code(200).body("{\"messages\":[{\"id\":\"wamid." + to + "\"}]}").build();
                }
            });
            graph.start(0);
            try (Relay relay = Relay.start(RelayUnderTest.config(dir, """
                    delivery: {max_attempts: 5, backoff: {initial: 10ms, max: 50ms}}
                    destinations:
                      on-call:
                        type: whatsapp
                        phone_number_id: "106540352242922"
                        access_token: token
                        to: ["+15551234567", "+447700900123"]
                        api_base_url: "%s"
                        rate_limit: {requests: 100, per: 1s}
                    routes:
                      - {name: escalations, to: [on-call]}
                    """.formatted(graph.url("/v23.0"))))) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));

                Eventually.holds("both recipients settled", Duration.ofSeconds(10), () -> relay.pendingDeliveries() == 0
                        && received.size() == 4);
            }
        }

        assertThat(received).filteredOn("15551234567"::equals).hasSize(1);
        assertThat(received).filteredOn("447700900123"::equals).hasSize(3);
    }
}
