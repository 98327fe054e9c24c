package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.platform.ClaimLink;
import io.chatrelay.platform.Platforms;
import io.chatrelay.platform.webhook.WebhookFormatter;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim page and what the store holds: a link to an event that is not an escalation (signed
 * with the store's own key) is a page not found; while the store is down, a page that says to try
 * again, and nothing taken.
 */
class ClaimPageStoreTest {

    @TempDir
    Path dir;

    @Test
    void aValidLinkToAnEventThatIsNoEscalationIsAPageNotFoundAndTakesNothing() throws Exception {
        try (Sink crm = Sink.ok(); Relay relay = start(crm)) {
            String chat = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Http.postSigned(relay.port(),
                    RelayUnderTest.SECRET, Fixtures.bytes("chat")).body()).path("id").asText();
            URI link = new ClaimLink(relay.store().claims().linkKey()).url(relay.config().server(), chat, "crm",
                    java.time.Instant.now()).orElseThrow();

            Http.Reply shown = Http.get(relay.port(), link.getPath());
            Http.Reply pressed = Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port()
                    + link.getPath()).post(new FormBody.Builder().add("name", "Ana").build()).build());

            assertThat(shown.status()).isEqualTo(404);
            assertThat(shown.body()).contains("Link not valid");
            assertThat(pressed.status()).isEqualTo(404);
            assertThat(relay.store().claims().claimOf(chat)).isEmpty();
        }
    }

    private Relay start(Sink crm) throws Exception {
        return Relay.start(Platforms.loader(Map.of()).parse("""
                server: {port: 0, public_url: "https://relay.example.com"}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                destinations: {crm: {type: webhook, url: "%s", claim_link_header: X-Relay-Claim-Url}}
                routes: [{name: escalations, to: [crm]}]
                """.formatted(dir.resolve("relay.db"), RelayUnderTest.SECRET, crm.url("/hook"))));
    }

    @Test
    void aPressWhileTheStoreIsDownIsA503PageThatAsksToTryAgain() throws Exception {
        try (Sink crm = Sink.ok(); Relay relay = start(crm)) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
            String page = "http://127.0.0.1:" + relay.port()
                    + URI.create(crm.take().getHeaders().get(WebhookFormatter.CLAIM_URL_HEADER)).getPath();
            Eventually.holds("the escalation's delivery is recorded", () -> relay.store().history()
                    .count(DeliveryStatus.DELIVERED) == 1);
            relay.store().close();

            Http.Reply pressed = Http.execute(new Request.Builder().url(page)
                    .post(new FormBody.Builder().add("name", "Ana").build()).build());
            Http.Reply shown = Http.get(relay.port(), URI.create(page).getPath());

            assertThat(pressed.status()).isEqualTo(503);
            assertThat(pressed.body()).startsWith("<!doctype html>").contains("Try again in a moment");
            assertThat(shown.status()).isEqualTo(503);
        }
    }
}
