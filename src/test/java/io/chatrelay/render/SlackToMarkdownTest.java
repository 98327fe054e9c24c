package io.chatrelay.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlackToMarkdownTest {

    private static final Map<String, String> NAMES = Map.of("U0ADA", "Ada Lovelace", "U0SNAKE", "snake_case");

    private static String convert(String slack) {
        return SlackToMarkdown.convert(slack, id -> Optional.ofNullable(NAMES.get(id)));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain text", "Thanks, we are on it.", "Thanks, we are on it."),
                Arguments.of("bold", "this is *done*", "this is **done**"),
                Arguments.of("italic", "_really_ sorry", "*really* sorry"),
                Arguments.of("strikethrough", "~wrong~ right", "~~wrong~~ right"),
                Arguments.of("nested bold and italic", "*bold _both_*", "**bold *both***"),
                Arguments.of("italic around bold", "_*x*_", "***x***"),
                Arguments.of("link with label", "see <https://example.com/help|the guide>",
                        "see [the guide](https://example.com/help)"),
                Arguments.of("bare link", "<https://example.com/a_b*c>", "https://example.com/a_b*c"),
                Arguments.of("link inside bold", "*read <https://x.io|this>*", "**read [this](https://x.io)**"),
                Arguments.of("link with an encoded query", "<https://x.io/?a=1&amp;b=2|A &amp; B>",
                        "[A & B](https://x.io/?a=1&b=2)"),
                Arguments.of("user by name", "ask <@U0ADA>", "ask @Ada Lovelace"),
                Arguments.of("user name is text, not markup", "ask <@U0SNAKE>", "ask @snake\\_case"),
                Arguments.of("unknown user falls back to the id", "ask <@U0NOBODY>", "ask @U0NOBODY"),
                Arguments.of("channel", "see <#C0123|support>", "see #support"),
                Arguments.of("here as plain text", "<!here> look", "@here look"),
                Arguments.of("channel mention", "<!channel>", "@channel"),
                Arguments.of("user group", "<!subteam^S01|@oncall> help", "@oncall help"),
                Arguments.of("entities decoded last", "a &lt;b&gt; &amp;amp; *c*", "a <b> &amp; **c**"),
                Arguments.of("encoded angle is no link", "&lt;https://x.io|y&gt;", "<https://x.io|y>"),
                Arguments.of("quote", "&gt; quoted\nanswer", "> quoted\nanswer"),
                Arguments.of("inline code verbatim", "run `rm *.tmp _x_` now", "run `rm *.tmp _x_` now"),
                Arguments.of("code block on lines of its own", "try:```a *b*\nc```done",
                        "try:\n```\na *b*\nc\n```\ndone"),
                Arguments.of("one-line code block", "```x_y_z```", "```x_y_z```"),
                Arguments.of("code block keeps encoded text decoded", "```if a &lt; b```", "```if a < b```"),
                Arguments.of("unbalanced bold", "*unbalanced", "\\*unbalanced"),
                Arguments.of("unbalanced code", "a ` b", "a \\` b"),
                Arguments.of("marker inside a word", "2*3*4 and snake_case_name", "2\\*3\\*4 and snake\\_case\\_name"),
                Arguments.of("space after opener", "* not bold*", "\\* not bold\\*"),
                Arguments.of("no bold across lines", "*a\nb*", "\\*a\nb\\*"),
                Arguments.of("empty emphasis", "** and __", "\\*\\* and \\_\\_"),
                Arguments.of("crossed markers", "*a _b* c_", "**a \\_b** c\\_"),
                Arguments.of("emoji before markup", "\uD83D\uDE00 *ok* \uD83D\uDC4D", "\uD83D\uDE00 **ok** \uD83D\uDC4D"),
                Arguments.of("unclosed angle", "a <https://x.io b", "a <https://x.io b"),
                Arguments.of("backslash stays a backslash", "C:\\temp", "C:\\\\temp"),
                Arguments.of("noncharacters in the input are dropped", "a\uFDD00\uFDD1b", "a0b"),
                Arguments.of("label with brackets", "<https://x.io|[draft]>", "[\\[draft\\]](https://x.io)"),
                Arguments.of("link with parentheses", "<https://en.wikipedia.org/wiki/A_(b)|A>",
                        "[A](<https://en.wikipedia.org/wiki/A_(b)>)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void convertsSlackMarkupToMarkdown(String name, String slack, String markdown) {
        assertThat(convert(slack)).isEqualTo(markdown);
    }

    @Test
    void anyTextConvertsWithoutFailingAndKeepsItsLettersInOrder() {
        java.util.Random random = new java.util.Random(25);
        String[] pieces = {"a", "b", " ", "\n", "*", "_", "~", "`", "```", "<", ">", "@U0NOBODY", "#C1", "!here",
            "&amp;", "&lt;", "&gt;", "http://x.io", "\uD83D\uDE00", "\uFDD0", "\\"};
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }

            String markdown = convert(text.toString());

            assertThat(markdown.replaceAll("[^ab]", "")).as(text.toString())
                    .isEqualTo(text.toString().replaceAll("http://x\\.io|&amp;", "").replaceAll("[^ab]", ""));
        }
    }

    @Test
    void aLongLineOfMarkersIsQuickAndDeepNestingStaysBounded() {
        String markers = "*a ".repeat(20_000);
        String nested = "*_~".repeat(5_000) + "x" + "~_*".repeat(5_000);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(convert(markers)).startsWith("\\*a \\*a");
            assertThat(convert(nested)).contains("x");
        });
    }
}
