package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.platform.Platforms;
import io.chatrelay.platform.webhook.WebhookFormatter;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim page over real HTTP: an escalation goes through a real relay to a webhook sink, and the
 * claim link it carried is opened the way a person (and a link scanner) would open it.
 */
class ClaimPageTest {

    private static final String HANDLING_URL = "https://www.chat-data.com/chatbot/654aee418bc9a33b0e50d0ad/live-chat/"
            + "dbf24043-83a6-47fb-b241-9865de3877c9";
    private static final OkHttpClient BROWSER = new OkHttpClient.Builder().followRedirects(false)
            .callTimeout(Duration.ofSeconds(20)).build();

    private static final String HTTPS = ", public_url: \"https://relay.example.com\"";

    @TempDir
    Path dir;
    Sink crm = Sink.ok();
    ManualClock clock = new ManualClock();
    Relay relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        crm.close();
    }

    /** {@code publicUrl}: the YAML of {@code server.public_url}, or nothing. */
    private void start(String publicUrl) throws Exception {
        relay = Relay.start(Platforms.loader(Map.of()).parse("""
                server: {port: 0%s}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                delivery: {max_attempts: 3, backoff: {initial: 20ms, max: 50ms}}
                destinations:
                  crm: {type: webhook, url: "%s", claim_link_header: X-Relay-Claim-Url}
                routes:
                  - {name: escalations, match: {event: live-chat-escalation}, to: [crm]}
                """.formatted(publicUrl, dir.resolve("relay.db"), RelayUnderTest.SECRET, crm.url("/hook"))), clock);
    }

    /** Posts an escalation and answers the claim page's path the webhook received. */
    private String escalationLink() {
        assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation")).status())
                .isEqualTo(200);
        RecordedRequest received = crm.take();
        String link = received.getHeaders().get(WebhookFormatter.CLAIM_URL_HEADER);
        assertThat(link).matches("https?://relay.example.com/claim/.+");
        return URI.create(link).getPath();
    }

    private Response get(String path, String cookie) throws Exception {
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + relay.port() + path);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return BROWSER.newCall(request.build()).execute();
    }

    private Response press(String path, String name) throws Exception {
        return BROWSER.newCall(new Request.Builder().url("http://127.0.0.1:" + relay.port() + path)
                .post(new FormBody.Builder().add("name", name).build()).build()).execute();
    }

    @Test
    void aGetShowsTheEscalationAndTheFormAndNeverClaims() throws Exception {
        start(HTTPS);
        String page = escalationLink();

        for (int scanner = 0; scanner < 3; scanner++) {
            try (Response response = get(page, "chatrelay_name=Ana%20Lima")) {
                String html = response.body().string();
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.header("Content-Type")).startsWith("text/html");
                assertThat(response.header("Cache-Control")).isEqualTo("no-store");
                assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
                assertThat(html).contains("Live chat escalation", "AI Chatbot", "How to integrate with Discord?",
                        "<form method=\"post\">", "name=\"name\"", "value=\"Ana Lima\"", "Take this chat")
                        .doesNotContain("took this chat", "<script", "src=");
            }
        }
        try (Response response = press(page, "Ben")) {
            assertThat(response.code()).as("nobody had taken it: the GETs claimed nothing").isEqualTo(303);
        }
    }

    @Test
    void thePostTakesTheChatRemembersTheNameAndGoesOnToTheLiveChat() throws Exception {
        start(HTTPS);
        String page = escalationLink();

        try (Response response = press(page, "  Ana Lima  ")) {
            assertThat(response.code()).isEqualTo(303);
            assertThat(response.header("Location")).isEqualTo(HANDLING_URL);
            assertThat(response.header("Set-Cookie")).startsWith("chatrelay_name=Ana+Lima;")
                    .contains("HttpOnly", "SameSite=Lax", "Secure", "Max-Age=31536000");
        }
        try (Response again = press(page, "ana lima")) {
            assertThat(again.code()).as("the same person again is not an error").isEqualTo(303);
        }
        try (Response late = press(page, "Ben")) {
            String html = late.body().string();
            assertThat(html).containsPattern("Ana Lima took this chat at \\d\\d:\\d\\d UTC")
                    .contains("href=\"" + HANDLING_URL + "\"").doesNotContain("<form");
        }
        try (Response shown = get(page, null)) {
            assertThat(shown.body().string()).contains("Ana Lima took this chat at").doesNotContain("<form");
        }
        try (Response mine = get(page, "chatrelay_name=Ana+Lima")) {
            assertThat(mine.body().string()).containsPattern("You took this chat at \\d\\d:\\d\\d UTC")
                    .contains("href=\"" + HANDLING_URL + "\"");
        }
    }

    @Test
    void aNameThatIsMissingOrTooLongIsAskedForAgain() throws Exception {
        start(", public_url: \"http://relay.example.com\"");
        String page = escalationLink();

        try (Response blank = press(page, "   ")) {
            assertThat(blank.code()).isEqualTo(400);
            assertThat(blank.body().string()).contains("Give your name");
        }
        try (Response tooLong = press(page, "a".repeat(81))) {
            assertThat(tooLong.code()).isEqualTo(400);
        }
        try (Response taken = press(page, "é".repeat(80))) {
            assertThat(taken.code()).isEqualTo(303);
            assertThat(taken.header("Set-Cookie")).as("not Secure over http").doesNotContain("Secure");
        }
    }

    @Test
    void aForgedOrExpiredLinkIsAPageNotFound() throws Exception {
        start(HTTPS);
        String page = escalationLink();
        String token = page.substring("/claim/".length());
        String forged = "/claim/" + token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        try (Response response = get(forged, null)) {
            assertThat(response.code()).isEqualTo(404);
            assertThat(response.body().string()).contains("Link not valid").doesNotContain(token);
        }
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        try (Response expired = press(page, "Ana")) {
            assertThat(expired.code()).isEqualTo(404);
            assertThat(expired.header("Content-Type")).startsWith("text/html");
        }
    }

    @Test
    void withoutAPublicUrlThereIsNoClaimPage() throws Exception {
        start("");
        Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
        assertThat(crm.take().getHeaders().get(WebhookFormatter.CLAIM_URL_HEADER)).isNull();

        try (Response response = get("/claim/anything.at-all", null)) {
            assertThat(response.code()).isEqualTo(404);
            assertThat(response.body().string()).isEqualTo("{\"error\":\"not found\"}");
        }
    }
}
