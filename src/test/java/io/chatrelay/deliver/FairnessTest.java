package io.chatrelay.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slow destination with a backlog must not hold up the others. */
class FairnessTest {

    @TempDir
    Path dir;

    @Test
    void anEscalationOvertakesAnotherDestinationsBacklog() throws Exception {
        try (Sink crm = Sink.ok(); Sink slack = Sink.ok()) {
            crm.alwaysAnswer(new MockResponse.Builder().code(200).headersDelay(100, TimeUnit.MILLISECONDS).build());
            try (Relay relay = Relay.start(RelayUnderTest.config(dir, """
                    destinations:
                      crm: {type: webhook, url: "%s"}
                      support: {type: slack, webhook_url: "%s"}
                    routes:
                      - {name: archive, match: {event: chat}, to: [crm]}
                      - {name: escalations, match: {event: live-chat-escalation}, to: [support]}
                    """.formatted(crm.url("/crm"), slack.url("/services/T/B/X"))))) {
                for (int i = 0; i < 200; i++) {
                    Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("c" + i, "m" + i));
                }
                crm.take(); // the backlog is being worked on

                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
                slack.take(Duration.ofSeconds(10));

                assertThat(relay.pendingDeliveries()).as("the escalation did not wait for the archive's backlog")
                        .isGreaterThan(50);
            }
        }
    }
}
