package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.config.StoreConfig;
import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import io.chatrelay.store.Attempt;
import io.chatrelay.store.Deadline;
import io.chatrelay.store.DeliveryFilter;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deliveries list} and {@code replay} against the store of a relay that is running. */
class DeliveriesCommandTest {

    @TempDir
    Path dir;

    private static Cli.Run run(String... args) {
        return Cli.run(args);
    }

    @Test
    void listsDeadDeliveriesAndReplaysThemWhileTheRelayRuns() throws Exception {
        try (Sink discord = Sink.ok()) {
            discord.alwaysAnswer(Sink.status(404, "{\"message\":\"Unknown Webhook\",\"code\":10015}"));
            String body = """
                    destinations: {sales: {type: discord, webhook_url: "%s"}}
                    routes: [{name: leads, match: {event: lead-submission}, to: [sales]}]
                    """.formatted(discord.url("/api/webhooks/1/token"));
            Path config = Files.writeString(dir.resolve("relay.yaml"), """
                    store: {url: "jdbc:sqlite:%s"}
                    chat_data: {signing_secrets: ["%s"]}
                    """.formatted(dir.resolve("relay.db"), RelayUnderTest.SECRET) + body);
            try (Relay relay = Relay.start(RelayUnderTest.config(dir, body))) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("lead-submission"));
                discord.take();
                Eventually.holds("the delivery is dead",
                        () -> run("deliveries", "list", "--status", "dead", "--config", config.toString())
                                .out().contains("1 delivery\n"));

                Cli.Run list = run("deliveries", "list", "--status", "dead", "--config", config.toString());
                assertThat(list.exit()).isZero();
                assertThat(list.out()).contains("dead", "lead-submission", "sales", "404 Unknown Webhook");
                String id = list.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];

                discord.alwaysAnswer(Sink.status(204, ""));
                Cli.Run replay = run("deliveries", "replay", id, "--config", config.toString());

                assertThat(replay.exit()).isZero();
                assertThat(replay.out()).contains("replayed 1 dead delivery\n");
                assertThat(discord.take()).isNotNull();
                Eventually.holds("the replayed delivery is delivered",
                        () -> run("deliveries", "list", "--status", "delivered", "--config", config.toString())
                                .out().contains("1 delivery\n"));
                assertThat(run("deliveries", "show", id, "--config", config.toString()).out())
                        .contains("delivered after 1 attempt since the replay, 2 in all")
                        .containsPattern("#\\S+ .*HTTP 404")
                        .containsPattern("#\\S+ .*HTTP 204");
            }
        }
    }

    @Test
    void retriesResendsAndReplaysAFilterEachToldInTheEventsStory() throws Exception {
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: [s]}
                routes: []
                """.formatted(dir.resolve("relay.db")));
        String event = "0192abcd-1234-7000-8000-00000000aaaa";
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        try (Store store = Store.open(new StoreConfig("jdbc:sqlite:" + dir.resolve("relay.db"),
                StoreConfig.DEFAULT_RETENTION))) {
            Instant now = Instant.now();
            store.outbox().enqueue(new RawEvent(event, "chat", "c1", "{}".getBytes(), now),
                    List.of(new Target("crm", "r"), new Target("slack", "r"), new Target("teams", "r")));
            java.time.Duration lease = java.time.Duration.ofSeconds(30);
            Deadline soon = Deadline.in(java.time.Duration.ofSeconds(10), java.time.Clock.systemUTC());
            store.outbox().delivered(store.outbox().claim("crm", now, 1, lease).deliveries().get(0),
                    new Attempt(now, 200, "200", java.time.Duration.ofMillis(5)), soon);
            store.outbox().dead(store.outbox().claim("slack", now, 1, lease).deliveries().get(0),
                    new Attempt(now, 404, "404", java.time.Duration.ofMillis(5)), soon);
            store.outbox().retryAt(store.outbox().claim("teams", now, 1, lease).deliveries().get(0),
                    now.plusSeconds(3600), new Attempt(now, 503, "503", java.time.Duration.ofMillis(5)), soon);
            store.history().find(DeliveryFilter.newest(10)).forEach(d -> ids.put(d.destination(), d.id()));
        }
        String c = config.toString();

        Cli.Run retry = run("deliveries", "retry", String.valueOf(ids.get("teams")), "--config", c);
        Cli.Run notWaiting = run("deliveries", "retry", String.valueOf(ids.get("crm")), "--config", c);
        Cli.Run resend = run("deliveries", "resend", String.valueOf(ids.get("crm")), "--config", c);
        Cli.Run others = run("deliveries", "replay", "--destination", "crm", "--config", c);
        Cli.Run replay = run("deliveries", "replay", "--destination", "slack", "--since", "1h", "--config", c);
        Cli.Run both = run("deliveries", "replay", "1", "--all-dead", "--config", c);

        assertThat(retry.exit()).isZero();
        assertThat(retry.out()).contains("delivery " + ids.get("teams") + " is due now");
        assertThat(notWaiting.exit()).isEqualTo(1);
        assertThat(notWaiting.err()).contains("delivery " + ids.get("crm") + " is delivered: nothing to retry");
        assertThat(resend.exit()).isZero();
        assertThat(others.out()).contains("replayed 0 dead deliveries");
        assertThat(replay.out()).contains("replayed 1 dead delivery\n");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(run("deliveries", "show", String.valueOf(ids.get("crm")), "--config", c).out())
                .contains("pending after 0 attempts since the replay, 1 in all");
        assertThat(run("events", "show", event, "--config", c).out()).contains("actions:")
                .containsPattern("retry +delivery " + ids.get("teams") + ", from the command line")
                .containsPattern("resend +delivery " + ids.get("crm") + ", from the command line")
                .containsPattern("replay +delivery " + ids.get("slack") + ", from the command line");
    }

    @Test
    void replayOfAnIdThatIsNotDeadSaysSo() throws Exception {
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: [s]}
                routes: []
                """.formatted(dir.resolve("relay.db")));
        Store.open(new StoreConfig("jdbc:sqlite:" + dir.resolve("relay.db"), StoreConfig.DEFAULT_RETENTION)).close();

        Cli.Run run = run("deliveries", "replay", "42", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("not replayed: no delivery 42");
        assertThat(run("deliveries", "replay", "--all-dead", "--config", config.toString()).out())
                .contains("replayed 0 dead deliveries");
    }

    @Test
    void showsADeliveryAndItsEventWithEveryAttemptAndFiltersTheList() throws Exception {
        try (Sink discord = Sink.ok(); Sink crm = Sink.ok()) {
            discord.then(Sink.status(503, "busy"));
            discord.alwaysAnswer(Sink.status(404, "{\"message\":\"Unknown Webhook\",\"code\":10015}"));
            String body = """
                    delivery: {max_attempts: 5, backoff: {initial: 20ms, max: 50ms}}
                    destinations:
                      sales: {type: discord, webhook_url: "%s"}
                      crm: {type: webhook, url: "%s"}
                    routes:
                      - {name: leads, match: {event: lead-submission}, to: [sales]}
                      - {name: archive, to: [crm]}
                    """.formatted(discord.url("/api/webhooks/1/token"), crm.url("/hook"));
            Path config = Files.writeString(dir.resolve("relay.yaml"), """
                    store: {url: "jdbc:sqlite:%s"}
                    chat_data: {signing_secrets: ["%s"]}
                    """.formatted(dir.resolve("relay.db"), RelayUnderTest.SECRET) + body);
            String c = config.toString();
            try (Relay relay = Relay.start(RelayUnderTest.config(dir, body))) {
                String eventId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Http.postSigned(
                        relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("lead-submission")).body()).path("id")
                        .asText();
                Eventually.holds("the Discord delivery is dead", () -> run("deliveries", "list", "--status", "dead",
                        "--destination", "sales", "--config", c).out().contains("1 delivery\n"));
                Eventually.holds("the CRM delivery is delivered", () -> run("deliveries", "list", "--status",
                        "delivered", "--config", c).out().contains("1 delivery\n"));

                Cli.Run list = run("deliveries", "list", "--destination", "sales", "--since", "1h", "--config", c);
                Cli.Run wide = run("deliveries", "list", "--destination", "sales", "--wide", "--config", c);
                String id = list.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
                Cli.Run show = run("deliveries", "show", id, "--config", c);
                Cli.Run event = run("events", "show", eventId, "--config", c);
                Cli.Run json = run("deliveries", "list", "--event", eventId, "--json", "--config", c);

                assertThat(list.out()).contains("ACCEPTED", "EVENT ID", " s ago", eventId.substring(0, 8),
                        "404 Unknown Webhook").doesNotContain(eventId, "lead@example.com");
                assertThat(list.out().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
                assertThat(wide.out()).contains("CONVERSATION", "LAST ATTEMPT", "NEXT ATTEMPT", eventId,
                        "404 Unknown Webhook").doesNotContain("lead@example.com");
                assertThat(show.exit()).isZero();
                assertThat(show.out()).contains("delivery " + id + " to sales (route leads): dead after 2 attempts",
                        "HTTP 503", "retry", "answer: busy", "retry at ", "HTTP 404", "dead",
                        "answer: {\"message\":\"Unknown Webhook\",\"code\":10015}")
                        .doesNotContain("lead@example.com");
                assertThat(event.exit()).isZero();
                assertThat(event.out()).contains("type:          lead-submission", "chatbot:       654aee418bc9a33b0e50d0ad",
                        "routes:        archive, leads", "email:       lead@example.com", "2 deliveries",
                        "to crm (route archive): delivered after 1 attempt\n");
                assertThat(json.out()).contains("\"event_id\" : \"" + eventId + "\"", "\"destination\" : \"crm\"",
                        "\"destination\" : \"sales\"");
                assertThat(run("deliveries", "list", "--conversation", "nobody", "--config", c).out())
                        .isEqualTo("no deliveries match\n");
                assertThat(run("deliveries", "list", "--since", "yesterday", "--config", c).exit()).isEqualTo(2);
                Cli.Run events = run("events", "list", "--config", c);
                assertThat(events.exit()).isZero();
                assertThat(events.out()).contains("ID", "ACCEPTED", eventId.substring(0, 8), "lead-submission",
                        "crm delivered", "sales dead", "1 event\n").doesNotContain("lead@example.com");
                assertThat(events.out().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
                assertThat(run("events", "list", "--wide", "--status", "dead", "--config", c).out()).contains(eventId);
                assertThat(run("events", "list", "--type", "chat", "--config", c).out()).isEqualTo("no events match\n");
                assertThat(run("events", "show", "no-such-event", "--config", c).err()).contains("no event no-such-event");
                Cli.Run replayDelivered = run("deliveries", "replay", id, String.valueOf(Long.parseLong(id) + 1),
                        "--config", c);
                assertThat(replayDelivered.out()).contains("replayed 1 dead delivery\n");
                assertThat(replayDelivered.err()).contains("not replayed: delivery " + (Long.parseLong(id) + 1)
                        + " is delivered, not dead");
            }
        }
    }

    @Test
    void findTheStoreRelativeToTheConfigFileNeedingNoDestinationSecrets() throws Exception {
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                store: {url: "jdbc:sqlite:data/relay.db"}
                chat_data: {signing_secrets: ["${CHAT_DATA_SIGNING_SECRET_NOT_SET_IN_TESTS}"]}
                destinations:
                  sales: {type: discord, webhook_url: "${DISCORD_WEBHOOK_URL_NOT_SET_IN_TESTS}"}
                routes: [{name: leads, to: [sales]}]
                """);
        try (Store store = Store.open(new StoreConfig("jdbc:sqlite:" + dir.resolve("data/relay.db"),
                StoreConfig.DEFAULT_RETENTION))) {
            store.outbox().enqueue(
                    new RawEvent("e1", "lead-submission", null, Fixtures.bytes("lead-submission"), Instant.now()),
                    List.of(new Target("sales", "leads")));
        }

        Cli.Run list = run("deliveries", "list", "--config", config.toString());

        assertThat(list.err()).isEmpty();
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("pending", "lead-submission", "sales", "1 delivery\n");
    }

    @Test
    void eventsListFindsALeadByEmailAndShowsWhoEachEventIsAboutIn100Columns() throws Exception {
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                store: {url: "jdbc:sqlite:relay.db"}
                chat_data: {signing_secrets: [s]}
                routes: []
                """);
        try (Store store = Store.open(new StoreConfig("jdbc:sqlite:" + dir.resolve("relay.db"),
                StoreConfig.DEFAULT_RETENTION))) {
            store.outbox().enqueue(new RawEvent("0193a1b2-0000-7000-8000-000000000001", "lead-submission", null,
                    Fixtures.text("lead-submission").replace("\"Name\"", "\"Jane Doe\"")
                            .replace("lead@example.com", "jane@example.com").getBytes(), Instant.now()), List.of());
            store.outbox().enqueue(new RawEvent("0193a1b2-0000-7000-8000-000000000002", "user-online", null,
                    Fixtures.bytes("user-online"), Instant.now()), List.of());
        }

        Cli.Run found = run("events", "list", "--search", "JANE@example.com", "--config", config.toString());
        Cli.Run all = run("events", "list", "--config", config.toString());

        assertThat(found.err()).isEmpty();
        assertThat(found.out()).contains("WHO", "Jane Doe", "lead-submission", "1 event\n").doesNotContain("John Doe");
        assertThat(all.out()).contains("Jane Doe", "John Doe", "2 events\n");
        assertThat(all.out().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
        assertThat(run("events", "list", "--search", "nobody", "--config", config.toString()).out())
                .isEqualTo("no events match\n");
    }

    @Test
    void aLimitBelowOneIsOneLineAndExit2NotOneRow() throws Exception {
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                store: {url: "jdbc:sqlite:relay.db"}
                chat_data: {signing_secrets: [s]}
                routes: []
                """);

        for (String limit : List.of("0", "-5")) {
            Cli.Run list = run("deliveries", "list", "--limit", limit, "--config", config.toString());

            assertThat(list.exit()).as(limit).isEqualTo(2);
            assertThat(list.out()).as(limit).isEmpty();
            assertThat(list.err().lines()).as(limit).first().asString()
                    .contains("--limit must be at least 1, got " + limit);
        }
    }

    @Test
    void aStoreThatIsNotThereIsAnErrorNotANewEmptyStore() throws Exception {
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                store: {url: "jdbc:sqlite:data/relay.db"}
                chat_data: {signing_secrets: [s]}
                routes: []
                """);

        Cli.Run list = run("deliveries", "list", "--config", config.toString());

        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).isEqualTo("list: cannot open the store: there is none at " + dir.resolve("data/relay.db")
                + " (is this the config serve runs with? a relative store.url is relative to the config's directory)\n");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
