package io.chatrelay.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Markdown through each platform's markup, via the same parser. */
class MarkdownTest {

    /** A markup that makes the structure visible. */
    private static final Markup BRACKETS = new Markup() {
        public String text(String raw) {
            return raw.replace("<", "&lt;");
        }

        public String bold(String inner) {
            return "[b:" + inner + "]";
        }

        public String italic(String inner) {
            return "[i:" + inner + "]";
        }

        public String strike(String inner) {
            return "[s:" + inner + "]";
        }

        public String code(String raw) {
            return "[c:" + raw + "]";
        }

        public String codeBlock(String raw) {
            return "[pre:" + raw + "]";
        }

        public String link(String url, String label) {
            return "[a:" + url + "|" + label + "]";
        }

        public String quote(String inner) {
            return "[q:" + inner + "]";
        }
    };

    private static String render(String markdown) {
        return Markdown.render(markdown, BRACKETS);
    }

    @Test
    void strikesThroughWithTwoTildesOnly() {
        assertThat(render("~~gone~~ but ~5 minutes~ stays")).isEqualTo("[s:gone] but ~5 minutes~ stays");
    }

    @Test
    void rendersInlineStructure() {
        assertThat(render("**bold** and _it_ with `code` and [guide](https://x.example/g)"))
                .isEqualTo("[b:bold] and [i:it] with [c:code] and [a:https://x.example/g|guide]");
    }

    @Test
    void rendersBlocks() {
        assertThat(render("# Title\n\n> quoted\n\n- one\n- two\n\n3. three\n4. four\n\n```\nx < y\n```"))
                .isEqualTo("[b:Title]\n\n[q:quoted]\n\n• one\n• two\n\n3. three\n4. four\n\n[pre:x < y]");
    }

    @Test
    void showsRawHtmlAsTextInsteadOfPassingItThrough() {
        assertThat(render("hi <b>there</b>")).isEqualTo("hi &lt;b>there&lt;/b>");
    }

    @Test
    void dropsLinksThatAreNotWebOrMail() {
        assertThat(render("[click](javascript:alert(1)) [mail](mailto:a@b.c)"))
                .isEqualTo("click [a:mailto:a@b.c|mail]");
    }

    @Test
    void keepsLineBreaksOfAParagraph() {
        assertThat(render("line one\nline two")).isEqualTo("line one\nline two");
    }

    @Test
    void rendersQuotesNestedEightThousandDeepAsAFewLevelsAndTheirText() {
        String rendered = render(">".repeat(8_000) + " deep *text*");

        assertThat(rendered).startsWith("[q:".repeat(Markdown.MAX_DEPTH - 1)).contains("deep text")
                .hasSizeLessThan(200);
    }

    @Test
    void showsEmphasisNestedPastTheBoundAsTyped() {
        String rendered = render("*".repeat(8_000) + "x" + "*".repeat(8_000));

        assertThat(rendered).contains("x").contains("*".repeat(1_000)).hasSizeLessThan(20_000);
    }

    @Test
    void boundsNestingWhateverSpacesSymbolsAndLineBreaksSurroundIt() throws Exception {
        // to CommonMark a no-break space is a space, an emoji punctuation, and a line of em spaces not blank
        List<String> bombs = List.of("\u00a0*\"".repeat(3_000) + "x" + "\"*\u00a0".repeat(3_000),
                "😀*\"".repeat(2_400) + "x" + "\"*😀".repeat(2_400),
                "*a\n\u2003\n".repeat(1_500) + "x" + " a*".repeat(1_500));
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread smallStack = new Thread(null, () -> { // 256 KB: a few thousand levels of recursion overflow it
            for (String bomb : bombs) {
                try {
                    assertThat(render(bomb).length()).isLessThan(2 * Markdown.MAX_INPUT);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        }, "small-stack", 256 * 1024);
        smallStack.start();
        smallStack.join();

        assertThat(failures).isEmpty();
    }

    @Test
    void keepsTheFormattingOfALongAnswerWithManyBoldWords() {
        String rendered = render("**word** ".repeat(90).strip());

        assertThat(rendered).isEqualTo(("[b:word] ".repeat(90)).strip());
    }
}
