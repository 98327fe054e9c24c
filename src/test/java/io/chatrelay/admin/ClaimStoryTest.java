package io.chatrelay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.cli.Cli;
import io.chatrelay.platform.Platforms;
import io.chatrelay.platform.webhook.WebhookFormatter;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An escalation's story says who took it, through which destination and when, and what became of
 * its follow-up: {@code GET /admin/events/{id}}, {@code events show} and {@code deliveries list
 * --status skipped}, from a relay where the claim page was pressed.
 */
class ClaimStoryTest {

    private static final String TOKEN = "admin-token-for-claims";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aTakenEscalationsStoryShowsTheClaimAndTheFollowUpSkippedWithItsReason() throws Exception {
        ManualClock clock = new ManualClock();
        try (Sink crm = Sink.ok(); Sink pager = Sink.ok()) {
            String config = """
                    server: {port: 0, public_url: "https://relay.example.com"}
                    store: {url: "jdbc:sqlite:%s"}
                    chat_data: {signing_secrets: ["%s"]}
                    admin: {token: %s}
                    delivery: {max_attempts: 3, backoff: {initial: 20ms, max: 50ms}}
                    destinations:
                      crm: {type: webhook, url: "%s", claim_link_header: X-Relay-Claim-Url}
                      pager: {type: webhook, url: "%s", claim_link_header: X-Relay-Claim-Url}
                    routes:
                      - name: escalations
                        match: {event: live-chat-escalation}
                        to: [crm]
                        unclaimed: {after: 30s, to: [pager]}
                    """.formatted(dir.resolve("relay.db"), RelayUnderTest.SECRET, TOKEN, crm.url("/hook"),
                    pager.url("/page"));
            Path file = Files.writeString(dir.resolve("relay.yaml"), config);
            try (Relay relay = Relay.start(Platforms.loader(Map.of()).parse(config), clock)) {
                String id = JSON.readTree(Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                        Fixtures.bytes("live-chat-escalation")).body()).path("id").asText();
                String page = URI.create(crm.take().getHeaders().get(WebhookFormatter.CLAIM_URL_HEADER)).getPath();
                // recorded before it is taken (a message still on its way gets an edit queued, in case it
                // is posted) and before the clock jumps past its lease (or it would rightly go again)
                Eventually.holds("the escalation is delivered", () -> get(relay, "/admin/deliveries?status=delivered")
                        .path("deliveries").size() == 1);
                try (okhttp3.Response pressed = new okhttp3.OkHttpClient.Builder().followRedirects(false).build()
                        .newCall(new Request.Builder().url("http://127.0.0.1:" + relay.port() + page)
                                .post(new FormBody.Builder().add("name", "Ana").build()).build()).execute()) {
                    assertThat(pressed.code()).as("sent on to the live chat").isEqualTo(303);
                }

                clock.advance(Duration.ofSeconds(31));
                Eventually.holds("the follow-up is settled", () -> get(relay, "/admin/deliveries?status=skipped")
                        .path("deliveries").size() == 1);

                JsonNode story = get(relay, "/admin/events/" + id);
                assertThat(story.path("claim").path("by").asText()).isEqualTo("Ana");
                assertThat(story.path("claim").path("via").asText()).isEqualTo("crm");
                assertThat(story.path("claim").path("at").asText()).endsWith("Z");
                JsonNode deliveries = story.path("deliveries");
                assertThat(deliveries).hasSize(2);
                assertThat(deliveries.get(0).path("kind").asText()).isEqualTo("event");
                assertThat(deliveries.get(0).path("status").asText()).isEqualTo("delivered");
                JsonNode followUp = deliveries.get(1);
                assertThat(followUp.path("kind").asText()).isEqualTo("follow-up");
                assertThat(followUp.path("destination").asText()).isEqualTo("pager");
                assertThat(followUp.path("status").asText()).isEqualTo("skipped");
                assertThat(followUp.path("last_reason").asText()).startsWith("taken by Ana at ").contains("via crm");
                assertThat(story.toString()).doesNotContain("\"target\"");
                assertThat(pager.requestCount()).isZero();

                String c = file.toString();
                Cli.Run shown = Cli.run("events", "show", id, "--config", c);
                assertThat(shown.out()).containsPattern("taken by: +Ana at \\S+Z via crm")
                        .containsPattern("follow-up delivery \\d+ to pager \\(route escalations\\): skipped after 1 attempt\n")
                        .contains("  skipped: taken by Ana at ");
                assertThat(Cli.run("deliveries", "list", "--status", "skipped", "--config", c).out())
                        .contains("1 delivery\n");
                assertThat(Cli.run("events", "list", "--config", c).out()).contains("crm delivered, pager follow-up skipped");
            }
        }
    }

    private static JsonNode get(Relay relay, String path) {
        try {
            return JSON.readTree(Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port() + path)
                    .header("Authorization", "Bearer " + TOKEN).build()).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
