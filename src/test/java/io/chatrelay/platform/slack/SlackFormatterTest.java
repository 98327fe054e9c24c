package io.chatrelay.platform.slack;

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
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class SlackFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String URL = "https://hooks.slack.com/services/T0/B0/SECRET";
    private static final SlackFormatter FORMATTER = new SlackFormatter(new SlackConfig("support",
            Optional.of(new Secret(URL)), Optional.empty(), Optional.empty(), URI.create("https://slack.com/api"),
            new DestinationOptions(Optional.empty(), Optional.empty(), Optional.empty())));

    static final List<String> FIXTURES = Fixtures.ALL;

    private static JsonNode render(byte[] body) throws Exception {
        OutboundRequest request = FORMATTER.format(envelope(body));
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.url()).isEqualTo(URI.create(URL));
        assertThat(request.displayUrl()).doesNotContain("SECRET");
        assertThat(request.headers()).containsEntry("Content-Type", "application/json");
        return JSON.readTree(request.body());
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void rendersEveryFixtureWithinSlacksRules(String fixture) throws Exception {
        JsonNode message = render(Fixtures.bytes(fixture));

        assertThat(SlackRules.violations(message)).isEmpty();
        assertThat(message.path("text").asText()).isNotBlank();
    }

    @Test
    void escalationHasAHeaderFactsTranscriptAndAButtonToTheLiveChat() throws Exception {
        JsonNode message = render(Fixtures.bytes("live-chat-escalation"));
        JsonNode blocks = message.path("blocks");

        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("🚨 Live chat escalation");
        assertThat(blocks.get(2).path("fields").findValuesAsText("text"))
                .contains("*Chatbot*\nAI Chatbot", "*Notify*\nsupport@example.com", "*Started*\n2024-06-25T01:58:53.918Z");
        assertThat(blocks.get(3).path("text").path("text").asText())
                .endsWith("*Visitor:* `How to integrate with Discord?`");
        JsonNode button = blocks.get(4).path("elements").get(0);
        assertThat(button.path("url").asText())
                .isEqualTo("https://www.chat-data.com/chatbot/654aee418bc9a33b0e50d0ad/live-chat/dbf24043-83a6-47fb-b241-9865de3877c9");
        assertThat(message.path("text").asText()).startsWith("🚨 Live chat escalation");
    }

    @Test
    void leadShowsNameEmailAndPhone() throws Exception {
        JsonNode fields = render(Fixtures.bytes("lead-submission")).path("blocks").get(2).path("fields");

        assertThat(fields.findValuesAsText("text")).containsSubsequence("*Name*\nName", "*Email*\nlead@example.com",
                "*Phone*\n+1 234 5678");
    }

    @Test
    void aLeadWithMoreFactsThanSlackShowsNamesTheRestInAPlusMoreLine() throws Exception {
        JsonNode message = render(Http.utf8("{\"event\":\"lead-submission\",\"chatbot_name\":\"Bot\",\"lead\":{\"name\":\"Jane\",\"field_01\":\"value 1\",\"field_02\":\"value 2\",\"field_03\":\"value 3\",\"field_04\":\"value 4\",\"field_05\":\"value 5\",\"field_06\":\"value 6\",\"field_07\":\"value 7\",\"field_08\":\"value 8\",\"field_09\":\"value 9\",\"field_10\":\"value 10\",\"field_11\":\"value 11\",\"field_12\":\"value 12\"}}"));

        JsonNode blocks = message.path("blocks");
        assertThat(blocks.get(2).path("fields")).hasSize(10);
        assertThat(blocks.get(3).path("type").asText()).isEqualTo("context");
        assertThat(blocks.get(3).path("elements").get(0).path("text").asText())
                .isEqualTo("+4 more: field_10, field_11, field_12, Chatbot");
        assertThat(SlackRules.violations(message)).isEmpty();
    }

    @Test
    void presenceIsOneCompactLine() throws Exception {
        JsonNode message = render(Fixtures.bytes("user-online"));

        assertThat(message.path("blocks")).hasSize(1);
        assertThat(message.path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("🟢 *Visitor online*: John Doe (john@example.com) came online on AI Chatbot via widget.");
    }

    @Test
    void escapesUserTextSoNobodyIsPinged() throws Exception {
        String hostile = FormatterFixtures.HOSTILE.replace("\"", "\\\"");
        JsonNode message = render(Http.utf8("{\"event\":\"live-chat-escalation\",\"chatbot_display_name\":\"" + hostile
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + hostile + "\"}],\"lead\":{\"name\":\"" + hostile + "\"}}"));

        assertThat(SlackRules.violations(message)).isEmpty();
        assertThat(message.toString()).doesNotContain("<!channel>", "<@U123>", "<!here>")
                .contains("&lt;!channel&gt;", "&amp;amp;");
    }

    @Test
    void staysWithinEveryLimitForLongAndHostileInput() throws Exception {
        List<String> violations = new ArrayList<>();
        for (String unit : List.of("x", FormatterFixtures.HOSTILE, FormatterFixtures.UNICODE, "&")) {
            for (int length : List.of(1, 149, 151, 2_001, 3_001, 50_000)) {
                for (String event : FormatterFixtures.hostileEvents(unit, length)) {
                    SlackRules.violations(render(Http.utf8(event)))
                            .forEach(v -> violations.add(unit.substring(0, 1) + "x" + length + ": " + v));
                }
            }
        }

        assertThat(violations).isEmpty();
    }

    @Test
    void keepsTheNewestMessagesOfALongTranscript() throws Exception {
        StringBuilder messages = new StringBuilder("[");
        for (int i = 0; i < 200; i++) {
            messages.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"message number ").append(i).append("\"}");
        }
        JsonNode message = render(Http.utf8("{\"event\":\"live-chat-escalation\",\"messages\":" + messages + "]}"));
        JsonNode blocks = message.path("blocks");
        String transcript = blocks.get(blocks.size() - 1).path("text").path("text").asText();

        assertThat(transcript).startsWith("…\n").endsWith("message number 199`").doesNotContain("message number 0\n");
    }

    private static final class Http {
        static byte[] utf8(String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
