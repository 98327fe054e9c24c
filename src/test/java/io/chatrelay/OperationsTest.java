package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.ConfigLoader;
import io.chatrelay.config.ConfigWatcher;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.Postgres;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the people running the relay see: metrics, health, readiness, and config reloads. */
class OperationsTest {

    @TempDir
    Path dir;

    private Path configRoutingAllTo(Sink first) throws java.io.IOException {
        Path file = dir.resolve("relay.yaml");
        Files.writeString(file, config("  first: {type: webhook, url: \"%s\"}".formatted(first.url("/1")),
                "  - {name: all, to: [first]}"));
        return file;
    }

    private String config(String destinations, String routes) {
        return """
                server: {port: 0}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                delivery: {max_attempts: 2, backoff: {initial: 10ms, max: 20ms}}
                destinations:
                %s
                routes:
                %s
                """.formatted(dir.resolve("relay.db"), RelayUnderTest.SECRET, destinations, routes);
    }

    private static String scrape(Relay relay) {
        return Http.get(relay.port(), "/metrics").body();
    }

    private static double metric(String scrape, String series) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }

    @Test
    void exposesEventRejectionDeliveryAndStoreMetrics() throws Exception {
        try (Sink good = Sink.ok(); Sink gone = Sink.ok()) {
            gone.alwaysAnswer(Sink.status(404, "no"));
            try (Relay relay = Relay.start(Platforms.loader(Map.of()).parse(config("""
                      good: {type: webhook, url: "%s"}
                      gone: {type: webhook, url: "%s"}
                    """.formatted(good.url("/a"), gone.url("/b")), """
                      - {name: leads, match: {event: lead-submission}, to: [good, gone]}
                      - {name: chats, match: {event: chat}, to: [good]}
                    """)))) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("lead-submission"));
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("chat"));
                Http.postSigned(relay.port(), "wrong", Fixtures.bytes("chat"));
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Http.utf8("not json"));
                // an outcome is counted just after it is stored: wait for the counts, not only the store
                Eventually.holds("all settled and counted", () -> relay.pendingDeliveries() == 0
                        && metric(scrape(relay), "chatrelay_deliveries_total{destination=\"gone\",outcome=\"dead\"}") == 1
                        && metric(scrape(relay), "chatrelay_delivery_latency_seconds_count{destination=\"good\"}") == 2);

                Http.Reply reply = Http.get(relay.port(), "/metrics");
                String scrape = reply.body();

                assertThat(reply.status()).isEqualTo(200);
                assertThat(metric(scrape, "chatrelay_events_received_total{event=\"lead-submission\"}")).isEqualTo(1);
                assertThat(metric(scrape, "chatrelay_events_received_total{event=\"chat\"}")).isEqualTo(1);
                assertThat(metric(scrape, "chatrelay_requests_rejected_total{reason=\"signature\"}")).isEqualTo(1);
                assertThat(metric(scrape, "chatrelay_requests_rejected_total{reason=\"json\"}")).isEqualTo(1);
                assertThat(metric(scrape, "chatrelay_deliveries_total{destination=\"good\",outcome=\"delivered\"}"))
                        .isEqualTo(2);
                assertThat(metric(scrape, "chatrelay_deliveries_total{destination=\"gone\",outcome=\"dead\"}")).isEqualTo(1);
                assertThat(metric(scrape, "chatrelay_delivery_latency_seconds_count{destination=\"good\"}")).isEqualTo(2);
                assertThat(scrape).contains("chatrelay_delivery_latency_seconds_bucket{destination=\"good\",le=");
                Eventually.holds("the gauges have counted the store again", () -> {
                    String again = Http.get(relay.port(), "/metrics").body();
                    return metric(again, "chatrelay_deliveries_pending") == 0
                            && metric(again, "chatrelay_deliveries_dead") == 1;
                });
                assertThat(scrape).contains("jvm_memory_used_bytes", "process_uptime_seconds",
                        "http_server_requests_seconds_count{method=\"POST\",route=\"/webhooks/chat-data\",status=\"200\"}");
            }
        }
    }

    @Test
    void metricsAnswerWithTheLastCountsWhileAnotherSessionLocksTheDeliveries() throws Exception {
        String store = Postgres.freshDatabase();
        try (Sink crm = Sink.ok();
             Relay relay = Relay.start(Platforms.loader(Map.of()).parse("""
                     server: {port: 0}
                     store: {url: "%s"}
                     chat_data: {signing_secrets: ["%s"]}
                     destinations:
                       crm: {type: webhook, url: "%s"}
                     routes:
                       - {name: all, to: [crm]}
                     """.formatted(store, RelayUnderTest.SECRET, crm.url("/crm"))));
             Connection operator = DriverManager.getConnection(store)) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("chat"));
            Eventually.holds("delivered and counted", () -> relay.pendingDeliveries() == 0
                    && metric(Http.get(relay.port(), "/metrics").body(), "chatrelay_deliveries_pending") == 0);
            operator.setAutoCommit(false);
            try (Statement lock = operator.createStatement()) {
                lock.execute("LOCK TABLE deliveries IN ACCESS EXCLUSIVE MODE"); // as a VACUUM FULL would

                Http.Reply reply = Http.get(relay.port(), "/metrics");

                assertThat(reply.status()).isEqualTo(200);
                assertThat(metric(reply.body(), "chatrelay_deliveries_pending")).isZero();
            } finally {
                operator.rollback();
            }
        }
    }

    @Test
    void isReadyWhileTheStoreAnswersAndNotAfter() throws Exception {
        Relay relay = Relay.start(RelayUnderTest.config(dir, "routes: []\n"));
        try {
            assertThat(Http.get(relay.port(), "/healthz").status()).isEqualTo(200);
            assertThat(Http.get(relay.port(), "/readyz").status()).isEqualTo(200);

            relay.store().close();

            // the background check finds out within a second; the probe itself never waits for the store
            Eventually.holds("not ready once the store stops answering",
                    () -> Http.get(relay.port(), "/readyz").status() == 503);
            assertThat(Http.get(relay.port(), "/readyz").body()).contains("store unavailable");
            assertThat(Http.get(relay.port(), "/healthz").status()).isEqualTo(200);
        } finally {
            relay.close();
        }
    }

    @Test
    void appliesAChangedConfigFileWithinTwoSecondsAndRefusesAnInvalidOne() throws Exception {
        try (Sink first = Sink.ok(); Sink second = Sink.ok(); LogCapture log = new LogCapture()) {
            Path file = configRoutingAllTo(first);
            ConfigLoader loader = Platforms.loader(Map.of());
            try (Relay relay = Relay.start(loader.load(file));
                 ConfigWatcher watcher = new ConfigWatcher(file, relay, loader)) {
                Files.writeString(file, config("""
                          first: {type: webhook, url: "%s"}
                          second: {type: webhook, url: "%s"}
                        """.formatted(first.url("/1"), second.url("/2")), "  - {name: all, to: [second]}"));
                Eventually.holds("the new route is in force", Duration.ofSeconds(2),
                        () -> relay.config().routes().get(0).to().contains("second"));
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("chat"));
                assertThat(second.take()).isNotNull();

                Files.writeString(file, config("  second: {type: webhook, url: \"%s\"}".formatted(second.url("/2")),
                        "  - {name: all, to: [third]}"));
                String problem = "routes[0].to: unknown destination 'third' (defined: second) (line 8)";
                Eventually.holds("the refusal is logged with its problem", Duration.ofSeconds(2),
                        () -> log.text().contains(problem)); // the problem's line follows the refusal's
                assertThat(log.text()).contains("config reload refused");
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.again(Fixtures.bytes("chat"), 1));
                assertThat(second.take()).as("the last good config stays in force").isNotNull();
                String scrape = Http.get(relay.port(), "/metrics").body();
                assertThat(metric(scrape, "chatrelay_config_reloads_total{result=\"applied\"}")).isEqualTo(1);
                assertThat(metric(scrape, "chatrelay_config_reloads_total{result=\"rejected\"}")).isEqualTo(1);
                assertThat(first.poll(Duration.ofMillis(200))).isNull();
            }
        }
    }

    @Test
    void appliesAChangedConfigFileWhileEventsKeepTheStoreBesideItBusy() throws Exception {
        try (Sink first = Sink.ok(); Sink second = Sink.ok()) {
            Path file = configRoutingAllTo(first);
            ConfigLoader loader = Platforms.loader(Map.of());
            try (Relay relay = Relay.start(loader.load(file));
                 ConfigWatcher watcher = new ConfigWatcher(file, relay, loader)) {
                AtomicBoolean posting = new AtomicBoolean(true);
                Thread load = new Thread(() -> {
                    for (int i = 0; posting.get(); i++) {
                        Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("c", "m" + i));
                    }
                });
                load.start();
                try {
                    Eventually.holds("events are flowing", () -> first.requestCount() > 20);
                    Files.writeString(file, config("""
                              first: {type: webhook, url: "%s"}
                              second: {type: webhook, url: "%s"}
                            """.formatted(first.url("/1"), second.url("/2")), "  - {name: all, to: [second]}"));
                    Eventually.holds("the new route is in force while the store is busy", Duration.ofSeconds(2),
                            () -> relay.config().routes().get(0).to().contains("second"));
                } finally {
                    posting.set(false);
                    load.join();
                }
            }
        }
    }

    @Test
    void keepsDeliveriesOfADestinationThatAReloadRemoved() throws Exception {
        try (Sink down = Sink.ok(); Sink other = Sink.ok(); LogCapture log = new LogCapture()) {
            down.alwaysAnswer(Sink.status(503, "down"));
            String both = """
                      crm: {type: webhook, url: "%s"}
                      other: {type: webhook, url: "%s"}
                    """.formatted(down.url("/crm"), other.url("/o"));
            ConfigLoader loader = Platforms.loader(Map.of());
            try (Relay relay = Relay.start(loader.parse(config(both, "  - {name: all, to: [crm]}")
                    .replace("max_attempts: 2", "max_attempts: 1000")))) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("chat"));
                down.take();

                relay.reload(loader.parse(config("  other: {type: webhook, url: \"%s\"}".formatted(other.url("/o")),
                        "  - {name: all, to: [other]}")));
                assertThat(log.text()).contains("destination crm was removed; its 1 waiting deliveries are kept");
                assertThat(relay.pendingDeliveries()).isEqualTo(1);

                down.alwaysAnswer(Sink.status(200, "ok"));
                relay.reload(loader.parse(config(both, "  - {name: all, to: [other]}")));
                Eventually.holds("the kept delivery goes out once its destination is back",
                        () -> relay.pendingDeliveries() == 0);
            }
        }
    }
}
