package io.chatrelay.platform.chatdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
    void aLimitTooSmallForAnEmojiIsRefused() {
        assertThatThrownBy(() -> ReplySplit.parts("x", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
