package io.chatrelay.platform.chatdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplySplitTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("fits", "hello world", 20, List.of("hello world")),
                Arguments.of("exactly the limit", "abcde", 5, List.of("abcde")),
                Arguments.of("only whitespace", " \n\t ", 10, List.of()),
                Arguments.of("surrounding whitespace", "  hi  ", 10, List.of("hi")),
                Arguments.of("at a paragraph", "first para\n\nsecond para", 15, List.of("first para", "second para")),
                Arguments.of("paragraph over a later line", "aaaa bbbb\n\ncc\ndd eeee", 16,
                        List.of("aaaa bbbb", "cc\ndd eeee")),
                Arguments.of("at a line", "line one\nline two", 12, List.of("line one", "line two")),
                Arguments.of("at a word", "alpha beta gamma delta", 12, List.of("alpha beta", "gamma delta")),
                Arguments.of("one long word", "abcdefghij", 4, List.of("abcd", "efgh", "ij")),
                Arguments.of("never halves a surrogate pair", "abc\uD83D\uDE00def", 4,
                        List.of("abc", "\uD83D\uDE00de", "f")),
                Arguments.of("emoji only", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", 3,
                        List.of("\uD83D\uDE00", "\uD83D\uDE00", "\uD83D\uDE00")),
                Arguments.of("keeps the next line's indentation", "para one\n\n    code line", 13,
                        List.of("para one", "    code line")),
                Arguments.of("an early paragraph break loses to a later word", "ab\n\ncdefgh ijklmn opq", 16,
                        List.of("ab\n\ncdefgh", "ijklmn opq")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cutsAtTheBestBoundary(String name, String text, int limit, List<String> parts) {
        assertThat(ReplySplit.parts(text, limit)).isEqualTo(parts);
    }

    @Test
    void aLongReplyBecomesSeveralMessagesWithinTheLimitAndLosesNoWord() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 900; i++) {
            text.append("word").append(i).append(i % 40 == 39 ? "\n\n" : i % 9 == 8 ? "\n" : " ");
        }

        List<String> parts = ReplySplit.parts(text.toString());

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(ReplySplit.LIMIT);
            assertThat(part).isNotBlank();
        });
        assertThat(String.join(" ", parts).split("\\s+")).isEqualTo(text.toString().strip().split("\\s+"));
    }

    @Test
    void aCodeBlockCutInTwoIsClosedAndReopenedWithItsLanguage() {
        String code = IntStream.range(0, 30).mapToObj(i -> "line " + i + " of the log").collect(Collectors.joining("\n"));
        String text = "Here is the log:\n```text\n" + code + "\n```\nThat is all.";

        List<String> parts = ReplySplit.parts(text, 200);

        assertThat(parts).hasSizeGreaterThan(2).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(200);
            assertThat(part.lines().filter(line -> line.startsWith("```")).count()).as(part).isEven();
        });
        assertThat(parts.get(0)).startsWith("Here is the log:\n```text\nline 0").endsWith("\n```");
        assertThat(parts.get(1)).startsWith("```text\nline ");
        assertThat(parts.get(parts.size() - 1)).endsWith("```\nThat is all.");
        assertThat(String.join("\n", parts).lines().filter(line -> line.startsWith("line ")).toList())
                .isEqualTo(code.lines().toList());
    }

    @Test
    void aFenceLineLongerThanAQuarterOfTheLimitIsCutLikeText() {
        String text = "```" + "x".repeat(300) + "\ncode\n```";

        List<String> parts = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> ReplySplit.parts(text, 100));

        assertThat(String.join("", parts).replace("\n", "")).isEqualTo(text.replace("\n", ""));
    }

    @Test
    void anyTextEndsInPartsWithinTheLimitThatKeepEveryNonSpaceCharacter() {
        java.util.Random random = new java.util.Random(25);
        // fences on lines of their own: a part that reopens a block repeats only its fence line
        String[] pieces = {"word", " ", "\n", "\n\n", "\n```\n", "\n```js\n", "\uD83D\uDE00", "x".repeat(90), "  "};
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(120); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            int limit = 2 + random.nextInt(150);

            List<String> parts = assertTimeoutPreemptively(Duration.ofSeconds(1),
                    () -> ReplySplit.parts(text.toString(), limit));

            String kept = String.join("", parts).replaceAll("\\s+|```(js)?", "");
            assertThat(kept).as(text.toString()).isEqualTo(text.toString().replaceAll("\\s+|```(js)?", ""));
            assertThat(parts).as(text.toString()).allSatisfy(part -> {
                assertThat(part.length()).isLessThanOrEqualTo(limit);
                assertThat(part).isNotBlank();
                assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
            });
        }
    }

    @Test
    void aLimitTooSmallForAnEmojiIsRefused() {
        assertThatThrownBy(() -> ReplySplit.parts("x", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
