package io.chatrelay.platform.discord;

import static io.chatrelay.platform.FormatterFixtures.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.FormatterFixtures;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class DiscordFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String URL = "https://discord.com/api/webhooks/123/TOKEN";
    private static final DiscordFormatter FORMATTER = new DiscordFormatter(new DiscordConfig("sales",
            new Secret(URL), Optional.of("Chat Data"), Optional.of("https://example.com/a.png"), Optional.empty(),
            new DestinationOptions(Optional.empty(), Optional.empty(), Optional.empty())));

    static final List<String> FIXTURES = Fixtures.ALL;

    private static JsonNode render(byte[] body) throws Exception {
        OutboundRequest request = FORMATTER.format(envelope(body));
        boolean escalation = new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("live-chat-escalation");
        assertThat(request.url().toString()).as("an escalation waits for the message, to edit it later")
                .isEqualTo(escalation ? URL + "?wait=true" : URL);
        assertThat(request.displayUrl()).doesNotContain("TOKEN");
        return JSON.readTree(request.body());
    }

    @Test
    void aLeadWithMoreFactsThanDiscordShowsSaysHowManyMore() throws Exception {
        JsonNode embed = render(io.chatrelay.testkit.Http.utf8("{\"event\":\"lead-submission\",\"chatbot_name\":\"Bot\",\"lead\":{\"name\":\"Jane\",\"field_01\":\"value 1\",\"field_02\":\"value 2\",\"field_03\":\"value 3\",\"field_04\":\"value 4\",\"field_05\":\"value 5\",\"field_06\":\"value 6\",\"field_07\":\"value 7\",\"field_08\":\"value 8\",\"field_09\":\"value 9\",\"field_10\":\"value 10\",\"field_11\":\"value 11\",\"field_12\":\"value 12\",\"field_13\":\"value 13\",\"field_14\":\"value 14\",\"field_15\":\"value 15\",\"field_16\":\"value 16\",\"field_17\":\"value 17\",\"field_18\":\"value 18\",\"field_19\":\"value 19\",\"field_20\":\"value 20\",\"field_21\":\"value 21\",\"field_22\":\"value 22\",\"field_23\":\"value 23\",\"field_24\":\"value 24\",\"field_25\":\"value 25\",\"field_26\":\"value 26\",\"field_27\":\"value 27\",\"field_28\":\"value 28\",\"field_29\":\"value 29\",\"field_30\":\"value 30\"}}")).path("embeds").get(0);

        assertThat(embed.path("fields")).hasSize(25);
        assertThat(embed.path("footer").path("text").asText()).isEqualTo("Chat Data · lead-submission · +7 more fields");
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void rendersEveryFixtureAsOneEmbedWithinDiscordsRules(String fixture) throws Exception {
        JsonNode message = render(Fixtures.bytes(fixture));

        assertThat(DiscordRules.violations(message)).isEmpty();
        assertThat(message.path("embeds")).hasSize(1);
        assertThat(message.path("embeds").get(0).path("timestamp").asText()).isEqualTo("2026-11-24T12:00:00Z");
    }

    @Test
    void leadEmbedHasAColourFieldsAndTheConfiguredIdentity() throws Exception {
        JsonNode message = render(Fixtures.bytes("lead-submission"));
        JsonNode embed = message.path("embeds").get(0);

        assertThat(message.path("username").asText()).isEqualTo("Chat Data");
        assertThat(message.path("avatar_url").asText()).isEqualTo("https://example.com/a.png");
        assertThat(embed.path("title").asText()).isEqualTo("🎯 New lead");
        assertThat(embed.path("color").asInt()).isEqualTo(0x2EB67D);
        assertThat(embed.path("fields").findValuesAsText("value")).containsSubsequence("Name", "lead@example.com",
                "+1 234 5678");
        assertThat(embed.path("description").asText()).isEqualTo("Name submitted the lead form on Chatbot Display Name.");
    }

    @Test
    void escalationLinksToTheLiveChatAndColoursItRed() throws Exception {
        JsonNode embed = render(Fixtures.bytes("live-chat-escalation")).path("embeds").get(0);

        assertThat(embed.path("url").asText()).startsWith("https://www.chat-data.com/chatbot/");
        assertThat(embed.path("color").asInt()).isEqualTo(0xE01E5A);
        assertThat(embed.path("description").asText()).contains("**Visitor:** How to integrate with Discord?");
    }

    @Test
    void alwaysDisablesMentions() throws Exception {
        String hostile = FormatterFixtures.HOSTILE;
        JsonNode message = render(Http.utf8("{\"event\":\"lead-submission\",\"lead\":{\"name\":\"" + hostile + "\"}}"));

        assertThat(message.path("allowed_mentions").toString()).isEqualTo("{\"parse\":[]}");
        assertThat(DiscordRules.violations(message)).isEmpty();
    }

    @Test
    void staysWithinEveryLimitForLongAndHostileInput() throws Exception {
        List<String> violations = new ArrayList<>();
        for (String unit : List.of("x", FormatterFixtures.HOSTILE, FormatterFixtures.UNICODE)) {
            for (int length : List.of(1, 255, 257, 1_025, 4_097, 7_000)) {
                for (String event : FormatterFixtures.hostileEvents(unit, length)) {
                    DiscordRules.violations(render(Http.utf8(event)))
                            .forEach(v -> violations.add(unit.substring(0, 1) + "x" + length + ": " + v));
                }
            }
        }

        assertThat(violations).isEmpty();
    }

    private static final java.net.URI LINK = java.net.URI.create("https://relay.example.com/claim/abc.def");
    private static final java.time.Instant AT = java.time.Instant.parse("2026-11-24T14:02:00Z");

    private static io.chatrelay.platform.Envelope escalation(io.chatrelay.platform.EscalationState state) {
        return envelope(Fixtures.bytes("live-chat-escalation")).withEscalation(state);
    }

    private static String description(OutboundRequest request) throws Exception {
        return JSON.readTree(request.body()).path("embeds").get(0).path("description").asText();
    }

    @Test
    void theTakeLinkIsShownOnlyWhileTheEscalationCanBeTaken() throws Exception {
        var open = new io.chatrelay.platform.EscalationState(Optional.empty(), Optional.empty(), Optional.of(LINK),
                Optional.of(java.time.Duration.ofMinutes(5)));
        var taken = new io.chatrelay.platform.EscalationState(Optional.of(new io.chatrelay.platform.EscalationState
                .Taken("Ana", AT, "tg", "42")), Optional.empty(), Optional.of(LINK), Optional.empty());
        var noPublicUrl = new io.chatrelay.platform.EscalationState(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        assertThat(description(FORMATTER.format(escalation(open)))).startsWith("**[🙋 Take this chat](" + LINK + ")**\n"
                + "⏰ Not taken after 5 min\n\nA visitor on ");
        assertThat(description(FORMATTER.formatEdit(escalation(taken), "{\"id\":\"9\",\"channel_id\":\"8\"}")
                .orElseThrow())).startsWith("🙋 Taken by Ana at 14:02 UTC\n\nA visitor on ");
        assertThat(description(FORMATTER.format(escalation(noPublicUrl)))).startsWith("A visitor on ");
        assertThat(description(FORMATTER.format(envelope(Fixtures.bytes("chat"))
                .withEscalation(open)))).as("only escalations").doesNotContain("Take this chat");
    }

    @Test
    void anEditIsAPatchOfTheMessageWithOnlyWhatAnEditTakes() throws Exception {
        var left = new io.chatrelay.platform.EscalationState(Optional.empty(), Optional.of(AT), Optional.of(LINK),
                Optional.empty());

        OutboundRequest edit = FORMATTER.formatEdit(escalation(left),
                "{\"id\":\"9\",\"channel_id\":\"8\",\"thread_id\":\"8\"}").orElseThrow();
        JsonNode body = JSON.readTree(edit.body());

        assertThat(edit.method()).isEqualTo("PATCH");
        assertThat(edit.url().toString()).isEqualTo(URL + "/messages/9?thread_id=8");
        assertThat(edit.displayUrl()).doesNotContain("TOKEN");
        assertThat(body.has("username")).isFalse();
        assertThat(body.has("avatar_url")).isFalse();
        assertThat(body.path("allowed_mentions").toString()).isEqualTo("{\"parse\":[]}");
        assertThat(description(edit)).startsWith("👋 Visitor left at 14:02 UTC\n\n").doesNotContain("Take this chat");
        assertThat(FORMATTER.formatEdit(escalation(left), "not a reference")).isEmpty();
    }

    @Test
    void statusLinesOfHostileNamesStayLiteralAndEveryLimitIsKept() throws Exception {
        String hostile = FormatterFixtures.HOSTILE + "**bold** [x](https://evil.example)" + "😀".repeat(300);
        var state = new io.chatrelay.platform.EscalationState(Optional.of(new io.chatrelay.platform.EscalationState
                .Taken(hostile, AT, "tg", "42")), Optional.of(AT), Optional.of(LINK), Optional.empty());
        List<String> violations = new ArrayList<>();
        for (String unit : List.of("x", FormatterFixtures.HOSTILE, FormatterFixtures.UNICODE)) {
            for (int length : List.of(1, 4_097)) {
                String event = FormatterFixtures.hostileEvents(unit, length).get(1);
                JsonNode sent = JSON.readTree(FORMATTER.formatEdit(envelope(event).withEscalation(state),
                        "{\"id\":\"9\",\"channel_id\":\"8\"}").orElseThrow().body());
                DiscordRules.violations(sent).forEach(v -> violations.add(length + ": " + v));
                assertThat(sent.path("embeds").get(0).path("description").asText())
                        .startsWith("🙋 Taken by \\<!channel\\>").contains("\\*\\*bold\\*\\* \\[x\\]");
            }
        }

        assertThat(violations).isEmpty();
    }
}
