package io.chatrelay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.render.PlainText;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The visitor's own words arrive as typed on every platform: no link with a hidden target, no
 * mention, no formatting; a bare address stays visible as itself. The bot's answer keeps its Markdown.
 */
class VisitorTextIsTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHISHING = "[Verify your account](https://evil.example)";
    private static final String MENTION = "<!subteam^S0123|@oncall>";
    private static final String VISITOR = PHISHING + " " + MENTION + " **urgent** _now_ see https://ok.example/a_b";
    private static final String BOT = "Read the [guide](https://docs.example/g) **first**";
    private static final String ESCALATION = """
            {"event":"live-chat-escalation","chatbot_name":"Bot","conversation_id":"c1",
             "lead":{"name":"%s","email":"a@b.example"},
             "messages":[{"role":"user","content":"%s"},{"role":"assistant","content":"%s"}]}
            """.formatted(json(PHISHING), json(VISITOR), json(BOT));
    private static final String CHAT = """
            {"event":"chat","chatbot_name":"Bot","conversation_id":"c1",
             "messages":[{"role":"user","content":"%s"}],"answer":{"content":"%s"}}
            """.formatted(json(VISITOR), json(BOT));

    @Test
    void slackShowsTheVisitorsWordsVerbatimInCodeAndConvertsTheBotsMarkdown() throws Exception {
        String transcript = lastBlockText(body("slack", ESCALATION));

        assertThat(transcript)
                .contains("*Visitor:* `[Verify your account](https://evil.example) &lt;!subteam^S0123|@oncall&gt; "
                        + "**urgent** _now_ see https://ok.example/a_b`")
                .doesNotContain("<https://evil.example", "<!subteam")
                .contains("*Bot:* Read the <https://docs.example/g|guide> *first*");
    }

    @Test
    void discordEscapesTheVisitorsMarkdownEverywhereAndKeepsTheBots() throws Exception {
        for (String platform : List.of("discord", "discord-forum")) {
            JsonNode embed = body(platform, ESCALATION).path("embeds").get(0);
            String description = embed.path("description").asText();
            List<String> fieldValues = embed.path("fields").findValuesAsText("value");

            assertThat(links(description)).containsExactly("https://docs.example/g");
            assertThat(visibleText(description)).contains(VISITOR);
            assertThat(emphasised(description)).containsExactly("Visitor:", "Bot:", "first");
            assertThat(fieldValues).allSatisfy(value -> assertThat(links(value)).isEmpty()).contains(
                    "\\[Verify your account\\](https://evil.example)");
            String chat = body(platform, CHAT).path("embeds").get(0).path("description").asText();
            assertThat(links(chat)).containsExactly("https://docs.example/g");
        }
    }

    @Test
    void teamsEscapesTheVisitorsMarkdownEverywhereAndConvertsTheBots() throws Exception {
        JsonNode card = body("teams", ESCALATION).path("attachments").get(0).path("content");
        List<String> texts = card.path("body").findValuesAsText("text");
        String transcript = texts.get(texts.size() - 1);

        assertThat(links(transcript)).containsExactly("https://docs.example/g");
        assertThat(visibleText(transcript)).contains(VISITOR);
        assertThat(emphasised(transcript)).containsExactly("Visitor:", "Bot:", "first");
        assertThat(card.path("body").findValuesAsText("value")).allSatisfy(value -> assertThat(links(value)).isEmpty());
    }

    @Test
    void teamsKeepsWhatTheBotsMarkdownEscapedLiteral() throws Exception {
        String chat = """
                {"event":"chat","chatbot_name":"Bot","conversation_id":"c1","messages":[],
                 "answer":{"content":"%s"}}
                """.formatted(json("You typed \\[Verify\\](https://evil.example) and \\*this\\*"));
        List<String> texts = body("teams", chat).path("attachments").get(0).path("content").path("body")
                .findValuesAsText("text");
        String transcript = texts.get(texts.size() - 1);

        assertThat(links(transcript)).isEmpty();
        assertThat(emphasised(transcript)).containsExactly("Bot:");
        assertThat(visibleText(transcript)).contains("You typed [Verify](https://evil.example) and *this*");
    }

    @Test
    void telegramEscapesTheVisitorsWordsAsHtmlAndConvertsTheBots() throws Exception {
        String text = body("telegram", ESCALATION).path("text").asText();

        assertThat(text).contains("<b>Visitor:</b> [Verify your account](https://evil.example) &lt;!subteam^S0123|@oncall&gt; "
                        + "**urgent** _now_ see https://ok.example/a_b")
                .doesNotContain("href=\"https://evil.example")
                .contains("<b>Bot:</b> Read the <a href=\"https://docs.example/g\">guide</a> <b>first</b>");
    }

    private static JsonNode body(String platform, String json) throws Exception {
        PlatformCase target = PlatformKit.ALL.stream().filter(p -> p.name().equals(platform)).findFirst().orElseThrow();
        OutboundRequest request = target.formatter().format(FormatterFixtures.envelope(json));
        assertThat(target.violations(request)).isEmpty();
        return JSON.readTree(request.body());
    }

    private static String lastBlockText(JsonNode slack) {
        JsonNode blocks = slack.path("blocks");
        return blocks.get(blocks.size() - 1).path("text").path("text").asText();
    }

    /** Where each link of {@code markdown} goes, as a CommonMark renderer (Discord's, Teams') reads it. */
    private static List<String> links(String markdown) {
        List<String> found = new ArrayList<>();
        walk(Parser.builder().build().parse(markdown), node -> {
            if (node instanceof Link link) {
                found.add(link.getDestination());
            }
        });
        return found;
    }

    private static List<String> emphasised(String markdown) {
        List<String> found = new ArrayList<>();
        walk(Parser.builder().build().parse(markdown), node -> {
            if (node instanceof Emphasis || node instanceof StrongEmphasis) {
                found.add(PlainText.of(node));
            }
        });
        return found;
    }

    private static String visibleText(String markdown) {
        return PlainText.of(Parser.builder().build().parse(markdown)).replace("\n", " ");
    }

    private static void walk(Node node, java.util.function.Consumer<Node> visit) {
        visit.accept(node);
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            walk(child, visit);
        }
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
