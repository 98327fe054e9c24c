package io.chatrelay;

import static io.chatrelay.store.StoreKit.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.History;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownAndStoreFailureTest {

    @TempDir
    Path dir;

    private long pendingExpected;

    @Test
    void answers503ToEventsAndAdminCallsWhenTheStoreFailsAndDeliversNothing() throws Exception {
        try (Sink sink = Sink.ok()) {
            Relay relay = Relay.start(RelayUnderTest.config(dir, """
                    admin: {token: admin-secret}
                    destinations: {crm: {type: webhook, url: "%s"}}
                    routes: [{name: all, to: [crm]}]
                    """.formatted(sink.url("/hook"))));
            try {
                relay.store().close();

                Http.Reply reply = Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("chat"));

                assertThat(reply.status()).isEqualTo(503);
                assertThat(reply.body()).isEqualTo("{\"error\":\"store unavailable, retry later\"}");
                assertThat(sink.poll(Duration.ofMillis(300))).isNull();

                Http.Reply admin = Http.execute(new okhttp3.Request.Builder()
                        .url("http://127.0.0.1:" + relay.port() + "/admin/deliveries?status=dead")
                        .header("Authorization", "Bearer admin-secret").build());
                assertThat(admin.status()).as("the admin API says why too").isEqualTo(503);
                assertThat(admin.body()).isEqualTo("{\"error\":\"store unavailable, retry later\"}");
            } finally {
                relay.close();
            }
        }
        try (Store reopened = Store.open(RelayUnderTest.config(dir, "routes: []").store())) {
            assertThat(list(reopened.history(), java.util.Optional.empty(), 10)).as("nothing half-written").isEmpty();
        }
    }

    @Test
    void refusesNewEventsWhileDrainingAndLetsSendsInFlightFinish() throws Exception {
        try (Sink slow = Sink.ok()) {
            slow.then(new MockResponse.Builder().code(200).headersDelay(1_500, TimeUnit.MILLISECONDS).build());
            Relay relay = Relay.start(RelayUnderTest.config(dir, """
                    destinations: {crm: {type: webhook, url: "%s"}}
                    routes: [{name: all, to: [crm]}]
                    """.formatted(slow.url("/hook"))));
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("a", "in-flight"));
            slow.take();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> relay.stop(Duration.ofSeconds(10)));
            int[] acceptedBeforeDraining = new int[1];
            Eventually.holds("a new event is refused while draining", () -> {
                int status = Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("b", "late")).status();
                acceptedBeforeDraining[0] += status == 200 ? 1 : 0;
                return status == 503;
            });
            stopping.get(15, TimeUnit.SECONDS);
            pendingExpected = acceptedBeforeDraining[0];
        }
        try (Store reopened = Store.open(RelayUnderTest.config(dir, "routes: []").store())) {
            assertThat(list(reopened.history(), java.util.Optional.of(DeliveryStatus.DELIVERED), 100))
                    .as("the send in flight finished").anySatisfy(d -> assertThat(d.id()).isEqualTo(1));
            History history = reopened.history();
            assertThat(history.count(DeliveryStatus.DELIVERED) + history.count(DeliveryStatus.PENDING))
                    .as("every acknowledged event is kept; the refused one was never stored")
                    .isEqualTo(1 + pendingExpected);
        }
    }
}
