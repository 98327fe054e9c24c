package io.chatrelay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.util.List;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API tells an event's story: what came in, where it went, what each destination answered. */
class StoryApiTest {

    static final String TOKEN = "admin-token-for-stories";
    static final String WEBHOOK_SECRET = "SeCrEtToKeN42xyz";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Sink discord;
    Sink crm;
    Relay relay;

    @BeforeEach
    void start() throws Exception {
        discord = Sink.ok();
        crm = Sink.ok();
        relay = Relay.start(RelayUnderTest.config(dir, """
                delivery: {max_attempts: 5, backoff: {initial: 20ms, max: 50ms}}
                admin: {token: %s}
                destinations:
                  sales: {type: discord, webhook_url: "%s"}
                  crm: {type: webhook, url: "%s"}
                routes:
                  - {name: leads, match: {event: lead-submission}, to: [sales]}
                  - {name: archive, to: [crm]}
                """.formatted(TOKEN, discord.url("/api/webhooks/123456/" + WEBHOOK_SECRET), crm.url("/hook"))));
    }

    @AfterEach
    void stop() {
        relay.close();
        discord.close();
        crm.close();
    }

    /** A lead whose Discord delivery is retried once (503), then dies on a 404 that echoes secrets and the lead. */
    private String deadLead() throws Exception {
        discord.then(Sink.status(503, "busy, try later"));
        discord.alwaysAnswer(Sink.status(404, "{\"message\":\"Unknown Webhook " + WEBHOOK_SECRET
                + " for lead@example.com, +1 234 5678\",\"code\":10015}"));
        String id = JSON.readTree(Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                Fixtures.bytes("lead-submission")).body()).path("id").asText();
        Eventually.holds("the lead's Discord delivery is dead",
                () -> get("/admin/deliveries?status=dead&destination=sales").path("deliveries").size() == 1);
        return id;
    }

    @Test
    void anEventsStoryShowsItsRoutesContactAndEveryAttemptWithTheMaskedAnswer() throws Exception {
        String id = deadLead();
        Eventually.holds("the CRM got it", () -> get("/admin/deliveries?status=delivered").path("deliveries")
                .size() == 1);

        JsonNode story = get("/admin/events/" + id);

        assertThat(story.path("event").asText()).isEqualTo("lead-submission");
        assertThat(story.path("chatbot_id").asText()).isEqualTo("654aee418bc9a33b0e50d0ad");
        assertThat(story.path("size_bytes").asInt()).isEqualTo(Fixtures.bytes("lead-submission").length);
        assertThat(story.path("accepted_at").asText()).isNotBlank();
        assertThat(JSON.convertValue(story.path("routes"), java.util.List.class)).containsExactly("archive", "leads");
        assertThat(story.path("contact").path("email").asText()).as("the event view shows the contact")
                .isEqualTo("lead@example.com");
        JsonNode sales = story.path("deliveries").get(0);
        assertThat(sales.path("destination").asText()).isEqualTo("sales");
        assertThat(sales.path("status").asText()).isEqualTo("dead");
        JsonNode attempts = sales.path("attempt_history");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).path("outcome").asText()).isEqualTo("retry");
        assertThat(attempts.get(0).path("status").asInt()).isEqualTo(503);
        assertThat(attempts.get(0).path("answer").asText()).isEqualTo("busy, try later");
        assertThat(attempts.get(0).path("next_attempt_at").asText()).isNotBlank();
        assertThat(attempts.get(1).path("outcome").asText()).isEqualTo("dead");
        assertThat(attempts.get(1).path("status").asInt()).isEqualTo(404);
        assertThat(attempts.get(1).path("next_attempt_at").isNull()).isTrue();
        assertThat(attempts.get(1).path("answer").asText()).contains("Unknown Webhook ***", "***@***")
                .doesNotContain(WEBHOOK_SECRET, "lead@example.com", "234 5678");
        assertThat(story.path("deliveries").get(1).path("attempt_history").get(0).path("outcome").asText())
                .isEqualTo("delivered");
    }

    @Test
    void anEventsStoryShowsTheBodyAsReceivedAndEachRequestAsSentWithEverySecretMasked() throws Exception {
        String slackPath = "/services/T0SECRET/B0SECRET/slackSECRETtoken123";
        String crmToken = "crmSECRETtoken789";
        String whsec = "whsec_c2VjcmV0LWtleS1TRUNSRVQ=";
        relay.close();
        Path own = java.nio.file.Files.createDirectories(dir.resolve("secrets"));
        relay = Relay.start(RelayUnderTest.config(own, """
                admin: {token: %s}
                destinations:
                  slack: {type: slack, webhook_url: "%s"}
                  crm: {type: webhook, url: "%s", headers: {Authorization: "Bearer %s"}, signing_secret: "%s"}
                routes:
                  - {name: leads, to: [slack, crm]}
                """.formatted(TOKEN, discord.url(slackPath), crm.url("/hook?key=" + crmToken), crmToken, whsec)));
        byte[] body = Http.utf8(Fixtures.text("lead-submission").replace("\"Name\"", "\"Ann, key " + crmToken + "\""));
        String id = JSON.readTree(Http.postSigned(relay.port(), RelayUnderTest.SECRET, body).body()).path("id").asText();

        String text = raw("/admin/events/" + id).body();
        JsonNode story = JSON.readTree(text);

        assertThat(text).doesNotContain(crmToken, "slackSECRETtoken123", "T0SECRET", whsec, "c2VjcmV0LWtleS1TRUNSRVQ=",
                TOKEN, RelayUnderTest.SECRET);
        assertThat(JSON.readTree(story.path("body").asText()).path("lead").path("name").asText())
                .as("the body as received, secrets masked, contact details kept").isEqualTo("Ann, key ***");
        assertThat(story.path("body").asText()).contains("lead@example.com");
        JsonNode slack = story.path("deliveries").get(0);
        assertThat(slack.path("destination").asText()).isEqualTo("slack");
        JsonNode toSlack = slack.path("request");
        assertThat(toSlack.path("method").asText()).isEqualTo("POST");
        assertThat(toSlack.path("url").asText()).isEqualTo(discord.url("/").replaceAll("/$", "") + "/***");
        assertThat(toSlack.path("headers").path("Content-Type").asText()).isEqualTo("application/json");
        assertThat(JSON.readTree(toSlack.path("body").asText()).toString()).contains("Ann, key ***");
        JsonNode toCrm = story.path("deliveries").get(1).path("request");
        assertThat(toCrm.path("url").asText()).doesNotContain("key=").endsWith("/***");
        assertThat(toCrm.path("headers").path("Authorization").asText()).isEqualTo("Bearer ***");
        assertThat(toCrm.path("body").asText()).contains("lead@example.com", "Ann, key ***");
        assertThat(toCrm.path("size_bytes").asInt()).isPositive();
        assertThat(toCrm.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void cutsABodyLongerThan64KilobytesAndSaysSo() throws Exception {
        String longName = "N".repeat(70_000);
        String id = JSON.readTree(Http.postSigned(relay.port(), RelayUnderTest.SECRET, Http.utf8(
                Fixtures.text("lead-submission").replace("\"Name\"", "\"" + longName + "\""))).body()).path("id").asText();

        JsonNode story = get("/admin/events/" + id);

        assertThat(story.path("body").asText()).hasSizeLessThan(64 * 1024 + 100).doesNotContain(longName)
                .endsWith("(cut at 64 KB of " + story.path("size_bytes").asInt() + " bytes)");
        JsonNode toCrm = story.path("deliveries").get(1).path("request");
        assertThat(toCrm.path("truncated").asBoolean()).isTrue();
        assertThat(toCrm.path("size_bytes").asInt()).isGreaterThan(70_000);
        assertThat(toCrm.path("body").asText()).hasSizeLessThan(64 * 1024 + 100).contains("cut at 64 KB");
    }

    @Test
    void listsTheDeliveryViewAndLogsNeverShowTheVisitorsContactDetails() throws Exception {
        String logged;
        try (io.chatrelay.testkit.LogCapture log = new io.chatrelay.testkit.LogCapture()) {
            deadLead();
            // the outcome is stored first and logged after, so the listing can show it a moment before the log
            io.chatrelay.testkit.Eventually.holds("the dead delivery is logged", () -> log.text().contains("dead event="));
            logged = log.text();
        }
        assertThat(logged).doesNotContain("lead@example.com", "234 5678", WEBHOOK_SECRET);

        String list = raw("/admin/deliveries").body();
        String events = raw("/admin/events").body();
        JsonNode dead = get("/admin/deliveries?status=dead").path("deliveries").get(0);
        String delivery = raw("/admin/deliveries/" + dead.path("id").asLong()).body();

        assertThat(list + events + delivery).doesNotContain("lead@example.com", "234 5678", WEBHOOK_SECRET)
                .contains("404 Unknown Webhook ***");
        assertThat(dead.path("last_attempt_at").asText()).isNotBlank();
        assertThat(dead.path("accepted_at").asText()).isNotBlank();
    }

    @Test
    void findsAnEventByWhoItIsAboutAndListsWhoAndTheFirstWordsOfItsMessage() throws Exception {
        for (String fixture : List.of("lead-submission", "user-online", "chat")) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes(fixture));
        }

        JsonNode lead = get("/admin/events?search=LEAD@Example.com").path("events");
        JsonNode visitor = get("/admin/events?search=john").path("events");
        JsonNode conversation = get("/admin/events?search=dbf24043-83a6-47fb-b241-9865de3877c9").path("events");
        JsonNode chat = get("/admin/events?type=chat").path("events").get(0);

        assertThat(lead).hasSize(1);
        assertThat(lead.get(0).path("event").asText()).isEqualTo("lead-submission");
        assertThat(lead.get(0).path("who").asText()).isEqualTo("Name");
        assertThat(visitor).extracting(e -> e.path("who").asText()).containsExactly("John Doe");
        assertThat(conversation).extracting(e -> e.path("event").asText()).containsExactly("chat", "user-online");
        assertThat(get("/admin/events?search=" + lead.get(0).path("id").asText().substring(0, 13)).path("events")
                .get(0).path("event").asText()).as("by the start of its id").isEqualTo("lead-submission");
        assertThat(chat.path("excerpt").asText()).isEqualTo("How to integrate with Discord?");
        assertThat(chat.path("who").isNull()).as("a chat whose lead left no name nor contact").isTrue();
        assertThat(get("/admin/events?search=nobody").path("events")).isEmpty();
        assertThat(raw("/admin/events?search=" + "x".repeat(201)).status()).isEqualTo(400);
    }

    @Test
    void filtersDeliveriesAndPagesWithACursor() throws Exception {
        String lead = deadLead();
        String[] conversations = {"c1", "c2", "c1"};
        for (int i = 0; i < conversations.length; i++) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat(conversations[i], "m" + i));
        }

        assertThat(get("/admin/deliveries?event_id=" + lead).path("deliveries")).hasSize(2);
        assertThat(get("/admin/deliveries?event=" + lead).path("deliveries")).as("the CLI's name").hasSize(2);
        assertThat(get("/admin/deliveries?conversation_id=c1").path("deliveries")).hasSize(2);
        assertThat(get("/admin/deliveries?conversation=c1").path("deliveries")).hasSize(2);
        assertThat(get("/admin/events?type=chat&conversation=c1").path("events")).hasSize(2);
        assertThat(raw("/admin/deliveries?conversation=c1&conversation_id=c2").status()).isEqualTo(400);
        assertThat(get("/admin/deliveries?destination=crm").path("deliveries")).hasSize(4);
        assertThat(get("/admin/deliveries?destination=nowhere").path("deliveries")).isEmpty();
        assertThat(get("/admin/deliveries?since=1h").path("deliveries")).hasSize(5);
        assertThat(get("/admin/deliveries?since=2030-01-01T00:00:00Z").path("deliveries")).isEmpty();

        JsonNode first = get("/admin/deliveries?limit=3");
        JsonNode second = get("/admin/deliveries?limit=3&cursor=" + first.path("next_cursor").asText());
        assertThat(first.path("deliveries")).hasSize(3);
        assertThat(second.path("deliveries")).hasSize(2);
        assertThat(second.path("next_cursor").isNull()).isTrue();
        assertThat(second.path("deliveries").get(0).path("id").asLong())
                .isLessThan(first.path("deliveries").get(2).path("id").asLong());
        assertThat(get("/admin/events?destination=sales&status=dead").path("events")).singleElement()
                .satisfies(event -> assertThat(event.path("id").asText()).isEqualTo(lead));
    }

    @Test
    void anUnknownOrRepeatedQueryParameterIsRefusedNotIgnored() {
        Http.Reply typo = raw("/admin/deliveries?destinaton=sales");
        Http.Reply twice = raw("/admin/deliveries?status=dead&status=pending");
        Http.Reply onEvents = raw("/admin/events?event_id=x");
        Http.Reply badSince = raw("/admin/deliveries?since=yesterday");

        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.body()).startsWith("{\"error\":\"unknown query parameter destinaton: did you mean 'destination'?; known: ");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(onEvents.status()).isEqualTo(400);
        assertThat(badSince.status()).isEqualTo(400);
        assertThat(badSince.body()).contains("since must be a duration");
        assertThat(raw("/admin/deliveries/17?x=1").status()).isEqualTo(400);
    }

    @Test
    void everyListingReadsItsQueryStrictly() throws Exception {
        String badCursor = "{\"error\":\"cursor must be a next_cursor this endpoint returned\"}";
        String badQuery = "{\"error\":\"query string is not well-formed: every % must start an escape of UTF-8 bytes\"}";
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("/admin/events?cursor=abc", badCursor);
        refused.put("/admin/events?cursor=0192abcd-ffff", badCursor);
        refused.put("/admin/deliveries?cursor=abc", badCursor);
        refused.put("/admin/deliveries?cursor=-1", badCursor);
        refused.put("/admin/deliveries?cursor=%D9%A3", badCursor); // ARABIC-INDIC DIGIT THREE
        refused.put("/admin/deliveries?limit=%2B5", "{\"error\":\"limit must be a number\"}");
        refused.put("/admin/events?limit=%D9%A3", "{\"error\":\"limit must be a number\"}");
        for (String listing : List.of("/admin/events", "/admin/deliveries", "/admin/destinations", "/admin/routes",
                "/admin/events/0192abcd-ffff", "/admin/deliveries/1")) {
            refused.put(listing + "?%zz=1", badQuery);
            refused.put(listing + "?x=%C0%AF", badQuery); // an overlong '/'
            refused.put(listing + "?x=%E2%82", badQuery); // cut short
        }
        refused.put("/admin/events?type=%", badQuery);
        refused.put("/admin/deliveries/%D9%A3", "{\"error\":\"delivery id must be a number\"}");
        refused.put("/admin/deliveries?since=9999999999999d",
                "{\"error\":\"since reaches back before any time there is\"}");

        java.util.List<String> answers = new java.util.ArrayList<>();
        for (String target : refused.keySet()) {
            answers.add(target + " -> " + rawRequest(target));
        }

        assertThat(answers).containsExactlyElementsOf(refused.entrySet().stream()
                .map(e -> e.getKey() + " -> 400 " + e.getValue()).toList());
        assertThat(rawRequest("/admin/deliveries?since=99999999999999999999d"))
                .startsWith("400 {\"error\":\"since must be a duration");
        assertThat(rawRequest("/admin/events?limit=0001&type=chat")).isEqualTo("200 {\"events\":[],\"next_cursor\":null}");
    }

    @Test
    void anEventListingsCursorPagesOn() throws Exception {
        for (String conversation : new String[] {"c1", "c2", "c3"}) {
            Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat(conversation, conversation));
        }

        JsonNode first = get("/admin/events?limit=2");
        JsonNode second = get("/admin/events?limit=2&cursor=" + first.path("next_cursor").asText().toUpperCase());

        assertThat(first.path("events")).hasSize(2);
        assertThat(second.path("events")).singleElement().satisfies(event -> assertThat(event.path("conversation_id")
                .asText()).isEqualTo("c1"));
    }

    @Test
    void aLimitBelowOneIsRefusedNotTakenAsOne() {
        for (String path : List.of("/admin/deliveries?limit=0", "/admin/deliveries?limit=-5", "/admin/events?limit=0")) {
            Http.Reply reply = raw(path);
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.body()).as(path).isEqualTo("{\"error\":\"limit must be at least 1\"}");
        }
    }

    @Test
    void replaySaysWhyAnIdWasNotReplayed() throws Exception {
        deadLead();
        long delivered = -1;
        Eventually.holds("the CRM got it", () -> get("/admin/deliveries?status=delivered").path("deliveries")
                .size() == 1);
        delivered = get("/admin/deliveries?status=delivered").path("deliveries").get(0).path("id").asLong();

        Http.Reply notDead = post("/admin/deliveries/" + delivered + "/replay");
        Http.Reply missing = post("/admin/deliveries/999999/replay");

        assertThat(notDead.status()).isEqualTo(409);
        assertThat(JSON.readTree(notDead.body()).path("not_replayed").get(0).path("reason").asText())
                .isEqualTo("delivery " + delivered + " is delivered, not dead");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("error").asText()).isEqualTo("no delivery 999999");
    }

    @Test
    void resendAndReplayOfAFilterAreToldInTheStoryWithWhereTheyCameFrom() throws Exception {
        String id = deadLead();
        Eventually.holds("the CRM got it", () -> crm.requestCount() == 1
                && get("/admin/deliveries?status=delivered").path("deliveries").size() == 1);
        long delivered = get("/admin/deliveries?status=delivered").path("deliveries").get(0).path("id").asLong();
        long dead = get("/admin/deliveries?status=dead").path("deliveries").get(0).path("id").asLong();

        Http.Reply resent = post("/admin/deliveries/" + delivered + "/resend");
        Eventually.holds("the CRM got it again", () -> crm.requestCount() == 2);
        Http.Reply replayed = Http.execute(new Request.Builder()
                .url("http://127.0.0.1:" + relay.port() + "/admin/deliveries/replay?destination=sales&since=1h")
                .header("Authorization", "Bearer " + TOKEN).header("X-Relay-Console", "1")
                .post(RequestBody.create(new byte[0])).build());
        Http.Reply notWaiting = post("/admin/deliveries/" + delivered + "/retry");
        Http.Reply notDelivered = post("/admin/deliveries/" + dead + "/resend");

        assertThat(resent.body()).isEqualTo("{\"resent\":1}");
        assertThat(replayed.body()).isEqualTo("{\"replayed\":1}");
        assertThat(notWaiting.status()).isEqualTo(409);
        assertThat(JSON.readTree(notWaiting.body()).path("error").asText()).startsWith("delivery " + delivered
                + " is ");
        assertThat(notDelivered.status()).isEqualTo(409);
        assertThat(post("/admin/deliveries/999999/retry").status()).isEqualTo(404);
        assertThat(post("/admin/deliveries/replay?status=pending").status()).isEqualTo(400);
        JsonNode actions = get("/admin/events/" + id).path("actions");
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).path("action").asText()).isEqualTo("resend");
        assertThat(actions.get(0).path("delivery").asLong()).isEqualTo(delivered);
        assertThat(actions.get(0).path("source").asText()).isEqualTo("api");
        assertThat(actions.get(0).path("at").asText()).endsWith("Z");
        assertThat(actions.get(1).path("action").asText()).isEqualTo("replay");
        assertThat(actions.get(1).path("delivery").asLong()).isEqualTo(dead);
        assertThat(actions.get(1).path("source").asText()).as("marked by the console's header").isEqualTo("console");
    }

    @Test
    void unknownIdsAnswer404AsJson() {
        assertThat(raw("/admin/events/0192abcd-ffff").status()).isEqualTo(404);
        assertThat(raw("/admin/events/0192abcd-ffff").body()).isEqualTo("{\"error\":\"no event 0192abcd-ffff\"}");
        assertThat(raw("/admin/events/%3Cscript%3E").body()).as("only an id-like value is repeated")
                .isEqualTo("{\"error\":\"no event with that id\"}");
        assertThat(raw("/admin/deliveries/424242").body()).isEqualTo("{\"error\":\"no delivery 424242\"}");
        assertThat(raw("/admin/deliveries/abc").status()).isEqualTo(400);
    }

    @Test
    void countsAndRoutesAreServedAsLoaded() throws Exception {
        deadLead();
        Eventually.holds("the CRM got it", () -> get("/admin/destinations").toString()
                .contains("\"name\":\"crm\",\"type\":\"webhook\",\"configured\":true,\"pending\":0,\"dead\":0,"
                        + "\"delivered_last_hour\":1"));

        assertThat(get("/admin/destinations").path("destinations").get(0).toString()).isEqualTo(
                "{\"name\":\"sales\",\"type\":\"discord\",\"configured\":true,\"pending\":0,\"dead\":1,"
                        + "\"delivered_last_hour\":0}");
        assertThat(get("/admin/routes").toString()).isEqualTo("{\"routes\":["
                + "{\"name\":\"leads\",\"match\":{\"event\":\"lead-submission\"},\"to\":[\"sales\"],\"template\":false},"
                + "{\"name\":\"archive\",\"match\":{},\"to\":[\"crm\"],\"template\":false}]}");
        assertThat(raw("/admin/routes").body()).doesNotContain(WEBHOOK_SECRET);
    }

    private JsonNode get(String path) {
        Http.Reply reply = raw(path);
        assertThat(reply.status()).as(path + " answered " + reply.body()).isEqualTo(200);
        try {
            return JSON.readTree(reply.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private Http.Reply raw(String path) {
        return Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port() + path)
                .header("Authorization", "Bearer " + TOKEN).build());
    }

    /**
     * {@code GET target} written by hand, as its status and body: an HTTP client would re-escape a
     * malformed query ({@code %zz} becomes {@code %25zz}) before sending it.
     */
    private String rawRequest(String target) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", relay.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return answer.substring(9, 12) + " " + answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    private Http.Reply post(String path) {
        return Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port() + path)
                .header("Authorization", "Bearer " + TOKEN).post(RequestBody.create(new byte[0])).build());
    }
}
