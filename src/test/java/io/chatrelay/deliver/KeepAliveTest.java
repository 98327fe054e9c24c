package io.chatrelay.deliver;

import static io.chatrelay.store.StoreKit.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.DeliveryView;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receivers close idle keep-alive connections (Node after 5 s, many proxies after 1-5 s). A send
 * that finds its pooled connection closed under it has reached nobody: it goes again at once on a
 * new connection, without costing an attempt or a backoff.
 */
class KeepAliveTest {

    @TempDir
    Path dir;

    private Relay start(Sink receiver) throws Exception {
        return Relay.start(RelayUnderTest.config(dir, """
                delivery: {backoff: {initial: 10ms, max: 50ms}}
                destinations: {crm: {type: webhook, url: "%s", timeout: 500ms}}
                routes: [{name: all, to: [crm]}]
                """.formatted(receiver.url("/hook/SECRETPART"))));
    }

    private List<DeliveryView> deliveries(Relay relay) {
        try (Store store = Store.openForTools(relay.config().store())) {
            return list(store.history(), Optional.empty(), 10);
        }
    }

    @Test
    void aSendOnAConnectionTheReceiverClosedWhileIdleGoesAgainAtOnceWithoutCountingAnAttempt() throws Exception {
        try (Sink receiver = Sink.ok(); LogCapture log = new LogCapture()) {
            // every answer is followed by the receiver closing the connection, as an idle timeout does
            receiver.alwaysAnswer(new MockResponse.Builder().code(200).body("ok")
                    .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
            try (Relay relay = start(receiver)) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("a", "first"));
                receiver.take();
                Eventually.holds("the first is delivered", () -> relay.pendingDeliveries() == 0);

                Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("b", "second"));
                assertThat(receiver.take(Duration.ofSeconds(10)).getBody().utf8()).contains("second");
                Eventually.holds("the second is delivered", () -> relay.pendingDeliveries() == 0);

                assertThat(deliveries(relay)).hasSize(2).allSatisfy(delivery -> {
                    assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
                    assertThat(delivery.attempts()).as("the closed connection cost no attempt").isEqualTo(1);
                });
                assertThat(log.text()).doesNotContain("network error").doesNotContain("retry event=");
            }
        }
    }

    @Test
    void aNetworkErrorIsLoggedWithWhatHappenedButNotTheUrlsSecretPath() throws Exception {
        try (Sink receiver = Sink.ok(); LogCapture log = new LogCapture()) {
            // a receiver that hangs up on a new connection without answering: that is a real failed attempt
            receiver.then(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, false, false))
                    .build());
            try (Relay relay = start(receiver)) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("a", "first"));
                receiver.take();
                receiver.take(Duration.ofSeconds(10));
                Eventually.holds("delivered on the next attempt", () -> relay.pendingDeliveries() == 0);

                URI url = URI.create(receiver.url("/"));
                assertThat(log.text()).contains("after network error: IOException: unexpected end of stream on http://"
                        + url.getHost() + ":" + url.getPort() + "/*** (attempt 1 of 12)").doesNotContain("SECRETPART");
                assertThat(deliveries(relay)).singleElement().extracting(DeliveryView::attempts).isEqualTo(2);
            }
        }
    }

    @Test
    void aTimeoutOnAReusedConnectionIsAnAttemptAndNotSentAgainAtOnce() throws Exception {
        try (Sink receiver = Sink.ok(); LogCapture log = new LogCapture()) {
            receiver.then(Sink.status(200, "ok"))
                    .then(new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS).build());
            try (Relay relay = start(receiver)) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("a", "first"));
                receiver.take();
                Eventually.holds("the first is delivered", () -> relay.pendingDeliveries() == 0);

                Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("b", "second"));
                receiver.take();
                Eventually.holds("the timeout is an attempt", () -> log.text().contains("after timeout"));
                receiver.take(Duration.ofSeconds(10));
                Eventually.holds("delivered on the next attempt", () -> relay.pendingDeliveries() == 0);

                assertThat(deliveries(relay)).filteredOn(d -> d.attempts() == 2).hasSize(1);
                assertThat(receiver.requestCount()).as("not resent at once besides the retry").isEqualTo(3);
            }
        }
    }
}
