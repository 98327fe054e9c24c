package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.StoreConfig;
import io.chatrelay.cli.Cli;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.Postgres;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route's digest end to end, with an injected clock: the events of a period arrive as one message
 * per destination at its end, across a restart and with two relays on one store.
 */
class DigestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SLACK_LINE = Pattern.compile("\\*\\d\\d:\\d\\d\\* ");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    private RelayConfig config(Sink slack, Sink crm) throws Exception {
        return Platforms.loader(Map.of()).parse(java.nio.file.Files.readString(configFile(slack, crm)));
    }

    /** The config as a file, for the command line. */
    private Path configFile(Sink slack, Sink crm) throws Exception {
        Path file = dir.resolve("relay.yaml");
        java.nio.file.Files.writeString(file, """
                server: {port: 0}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                """.formatted(dir.resolve("relay.db"), RelayUnderTest.SECRET) + """
                admin: {token: admin-token}
                destinations:
                  team-slack: {type: slack, webhook_url: "%s"}
                  archive: {type: webhook, url: "%s"}
                routes:
                  - name: chats
                    match: {event: chat}
                    to: [team-slack, archive]
                    digest: {every: 1h, max_events: 50}
                """.formatted(slack.url("/slack"), crm.url("/crm")));
        return file;
    }

    /** Posts {@code count} chat events a few seconds apart, each saying which it is; returns their ids. */
    private List<String> post(Relay relay, int from, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            byte[] body = Http.utf8("{\"event\":\"chat\",\"chatbot_id\":\"bot-1\",\"conversation_id\":\"c" + i
                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"question number " + i + "\"}]}");
            Http.Reply reply = Http.postSigned(relay.port(), RelayUnderTest.SECRET, body);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            ids.add(JSON.readTree(reply.body()).get("id").asText());
            clock.advance(Duration.ofSeconds(20));
        }
        return ids;
    }

    private static JsonNode admin(Relay relay, String path) throws Exception {
        return JSON.readTree(Http.execute(new okhttp3.Request.Builder().url("http://127.0.0.1:" + relay.port() + path)
                .header("Authorization", "Bearer admin-token").build()).body());
    }

    @Test
    void sendsOneMessagePerDestinationWithFiftyLinesAndTheRestCounted() throws Exception {
        try (Sink slack = Sink.ok(); Sink crm = Sink.ok(); Relay relay = Relay.start(config(slack, crm), clock)) {
            List<String> ids = post(relay, 0, 120); // 40 minutes of chats

            clock.advance(Duration.ofMinutes(21));

            String message = slack.take().getBody().utf8();
            Matcher lines = SLACK_LINE.matcher(message);
            int count = 0;
            while (lines.find()) {
                count++;
            }
            assertThat(count).isEqualTo(50);
            assertThat(message).contains("120 events").contains("+70 more").contains("/admin/#/events?destination=team-slack")
                    .contains("question number 0").contains("question number 49").doesNotContain("question number 50");
            JsonNode archived = JSON.readTree(crm.take().getBody().utf8());
            assertThat(archived.get("events")).hasSize(120);
            assertThat(archived.get("events").get(119).get("messages").get(0).get("content").asText())
                    .isEqualTo("question number 119");
            assertThat(archived.get("period").get("end").asText()).isNotBlank();
            assertThat(ids).hasSize(120);

            Eventually.holds("the digests are counted", () -> Http.get(relay.port(), "/metrics").body()
                    .contains("chatrelay_digests_total{destination=\"team-slack\"} 1.0"));
            assertThat(Http.get(relay.port(), "/metrics").body())
                    .contains("chatrelay_digest_events_count{destination=\"archive\"} 1")
                    .contains("chatrelay_digest_events_sum{destination=\"archive\"} 120.0");

            JsonNode story = admin(relay, "/admin/events/" + ids.get(77));
            assertThat(story.path("digest_deliveries")).as(story.toString()).hasSize(2);
            assertThat(story.path("deliveries")).hasSize(2)
                    .allSatisfy(d -> assertThat(d.path("digest").asBoolean()).isTrue());
            Cli.Run shown = Cli.run("events", "show", ids.get(77), "--config", configFile(slack, crm).toString());
            assertThat(shown.out()).contains("digest delivery").contains("to team-slack (route chats): delivered")
                    .contains("to archive (route chats): delivered");
            JsonNode listed = admin(relay, "/admin/events?limit=1").path("events").get(0);
            assertThat(listed.path("id").asText()).isEqualTo(ids.get(119));
            assertThat(listed.path("deliveries")).as(listed.toString()).hasSize(2);
        }
    }

    @Test
    void keepsEveryEventOfADigestOnceAcrossARestart() throws Exception {
        try (Sink slack = Sink.ok(); Sink crm = Sink.ok()) {
            RelayConfig config = config(slack, crm);
            try (Relay first = Relay.start(config, clock)) {
                post(first, 0, 30);
            }
            try (Relay second = Relay.start(config, clock)) {
                post(second, 30, 30);
                clock.advance(Duration.ofMinutes(41));

                JsonNode archived = JSON.readTree(crm.take().getBody().utf8());
                Set<String> questions = new HashSet<>();
                archived.get("events").forEach(e -> questions.add(e.get("messages").get(0).get("content").asText()));
                assertThat(archived.get("events")).hasSize(60);
                assertThat(questions).hasSize(60);
                assertThat(slack.take().getBody().utf8()).contains("60 events").contains("+10 more");
                Eventually.holds("both digests recorded", () -> second.pendingDeliveries() == 0);

                post(second, 60, 1); // the next period, started by its first event
                clock.advance(Duration.ofHours(1));
                JsonNode next = JSON.readTree(crm.take().getBody().utf8());
                assertThat(next.get("events")).hasSize(1);
                assertThat(next.get("events").get(0).get("messages").get(0).get("content").asText())
                        .isEqualTo("question number 60");
            }
        }
    }

    @Test
    void twoRelaysOnOnePostgresProduceOneDigest() throws Exception {
        try (Sink slack = Sink.ok(); Sink crm = Sink.ok()) {
            RelayConfig config = config(slack, crm).withStore(new StoreConfig(Postgres.freshDatabase(),
                    StoreConfig.DEFAULT_RETENTION, StoreConfig.DEFAULT_UNHEALTHY_AFTER));
            try (Relay a = Relay.start(config, clock); Relay b = Relay.start(config, clock)) {
                for (int i = 0; i < 40; i++) {
                    post(i % 2 == 0 ? a : b, i, 1);
                }
                clock.advance(Duration.ofHours(1));

                RecordedRequest archived = crm.take();
                assertThat(JSON.readTree(archived.getBody().utf8()).get("events")).hasSize(40);
                slack.take();
                // a jump of the clock while an outcome is unrecorded ends its lease: the digest would
                // rightly go again (at least once); wait until both are recorded
                Eventually.holds("both digests recorded", () -> a.pendingDeliveries() == 0);
                clock.advance(Duration.ofHours(1));
                post(a, 40, 1);
                clock.advance(Duration.ofHours(1));
                JsonNode next = JSON.readTree(crm.take().getBody().utf8());
                assertThat(next.get("events")).as("no second digest of the first period came before this one")
                        .hasSize(1);
            }
        }
    }
}
