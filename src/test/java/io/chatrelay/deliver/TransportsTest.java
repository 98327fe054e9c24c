package io.chatrelay.deliver;

import static io.chatrelay.store.StoreKit.claimDue;
import static io.chatrelay.store.StoreKit.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.RawEvent;
import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.route.Target;
import io.chatrelay.store.Delivery;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.Outbox;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each platform's requests go out through the sender of its own transport, both given to the
 * dispatcher from outside: here two stand-ins that note what they were given and answer as a
 * server would. A real SQLite store.
 */
class TransportsTest {

    @TempDir
    Path dir;

    @Test
    void aMailGoesThroughTheSmtpSenderAndAWebhookThroughTheHttpSender() throws Exception {
        List<String> http = new CopyOnWriteArrayList<>();
        List<String> smtp = new CopyOnWriteArrayList<>();
        Senders senders = new Senders(
                (request, timeout) -> answered(http, request, new Answer(200, Map.of(), "ok")),
                (request, timeout) -> answered(smtp, request, new Answer(250, Map.of(), "2.0.0 Ok: queued")));
        RelayConfig config = RelayUnderTest.config(dir, """
                destinations:
                  crm: {type: webhook, url: "http://crm.invalid/hook"}
                  support-mail:
                    type: email
                    smtp: {host: mail.invalid, tls: none}
                    from: relay@example.com
                    to: [ops@example.com]
                routes: [{name: all, to: [crm, support-mail]}]
                """);
        Clock clock = Clock.systemUTC();
        try (Store store = Store.open(config.store()); RelayMetrics metrics = new RelayMetrics()) {
            Outbox outbox = store.outbox();
            outbox.enqueue(new RawEvent("e1", "chat", null, RelayUnderTest.chat("c1", "m1"), clock.instant()),
                    List.of(new Target("crm", "all"), new Target("support-mail", "all")));
            Attempts attempts = new Attempts(config, senders, outbox,
                    new RateLimiter(Map.of("crm", Optional.empty(), "support-mail", Optional.empty()), clock.instant()),
                    clock, metrics, new DeliveryLog(clock));

            for (String destination : List.of("crm", "support-mail")) {
                Delivery delivery = claimDue(outbox, destination, clock.instant(), 1, config.lease(destination)).get(0);
                attempts.run(delivery, () -> { });
            }

            assertThat(http).containsExactly("http://crm.invalid/hook");
            assertThat(smtp).singleElement().asString().startsWith("smtp://mail.invalid");
            assertThat(list(store.history(), Optional.empty(), 10)).hasSize(2)
                    .allSatisfy(view -> assertThat(view.status()).isEqualTo(DeliveryStatus.DELIVERED));
        }
    }

    private static SendResult answered(List<String> seen, OutboundRequest request, Answer answer) {
        seen.add(request.url().toString());
        return new SendResult(answer, Duration.ofMillis(1));
    }
}
