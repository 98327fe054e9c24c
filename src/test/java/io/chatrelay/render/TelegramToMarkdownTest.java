package io.chatrelay.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.render.TelegramToMarkdown.Entity;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TelegramToMarkdownTest {

    private static Entity link(int offset, int length, String url) {
        return new Entity("text_link", offset, length, Optional.of(url), Optional.empty());
    }

    private static Entity pre(int offset, int length, String language) {
        return new Entity("pre", offset, length, Optional.empty(), Optional.of(language));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain", "Thanks, on it.", List.of(), "Thanks, on it."),
                Arguments.of("bold", "it is done", List.of(new Entity("bold", 6, 4)), "it is **done**"),
                Arguments.of("italic", "really sorry", List.of(new Entity("italic", 0, 6)), "*really* sorry"),
                Arguments.of("strikethrough", "wrong right", List.of(new Entity("strikethrough", 0, 5)),
                        "~~wrong~~ right"),
                Arguments.of("code keeps its text", "run rm *.tmp now", List.of(new Entity("code", 4, 8)),
                        "run `rm *.tmp` now"),
                Arguments.of("code with a backtick", "a`b", List.of(new Entity("code", 0, 3)), "``a`b``"),
                Arguments.of("pre with language", "try:\nprint(1)", List.of(pre(5, 8, "python")),
                        "try:\n```python\nprint(1)\n```"),
                Arguments.of("pre inside a line", "x: a_b", List.of(pre(3, 3, "")), "x: \n```\na_b\n```"),
                Arguments.of("text link", "see the guide", List.of(link(4, 9, "https://example.com/help")),
                        "see [the guide](https://example.com/help)"),
                Arguments.of("url as typed", "go to https://x.io/a_b", List.of(new Entity("url", 6, 16)),
                        "go to https://x.io/a_b"),
                Arguments.of("nested bold italic", "bold both", List.of(new Entity("bold", 0, 9),
                        new Entity("italic", 5, 4)), "**bold *both***"),
                Arguments.of("bold link", "read this", List.of(new Entity("bold", 0, 9), link(5, 4, "https://x.io")),
                        "**read [this](https://x.io)**"),
                Arguments.of("whitespace kept outside markers", "a bold b", List.of(new Entity("bold", 1, 6)),
                        "a **bold** b"),
                Arguments.of("emoji before an entity counts two units", "\uD83D\uDE00 done",
                        List.of(new Entity("bold", 3, 4)), "\uD83D\uDE00 **done**"),
                Arguments.of("an entity splitting a surrogate pair is ignored", "\uD83D\uDE00 x",
                        List.of(new Entity("bold", 1, 3)), "\uD83D\uDE00 x"),
                Arguments.of("an entity past the end is ignored", "short", List.of(new Entity("bold", 2, 10)),
                        "short"),
                Arguments.of("crossing entities keep the first", "abcdef",
                        List.of(new Entity("bold", 0, 4), new Entity("italic", 2, 4)), "**abcd**ef"),
                Arguments.of("typed markers are escaped", "2*3*4 snake_case `x`", List.of(),
                        "2\\*3\\*4 snake\\_case \\`x\\`"),
                Arguments.of("other entities are their text", "@ada #help", List.of(new Entity("mention", 0, 4),
                        new Entity("hashtag", 5, 5), new Entity("spoiler", 0, 4)), "@ada #help"),
                Arguments.of("blockquote", "said:\nhello\nthere", List.of(new Entity("blockquote", 6, 11)),
                        "said:\n> hello\n> there"),
                Arguments.of("entities in any order", "ab cd", List.of(new Entity("italic", 3, 2),
                        new Entity("bold", 0, 2)), "**ab** *cd*"));
    }

    @org.junit.jupiter.api.Test
    void anyEntitiesConvertWithoutFailingAndKeepEveryLetter() {
        java.util.Random random = new java.util.Random(25);
        String[] types = {"bold", "italic", "strikethrough", "code", "pre", "text_link", "url", "blockquote",
            "mention", "underline"};
        String alphabet = "ab *_`\n\uD83D\uDE00";
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            List<Entity> entities = new java.util.ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                entities.add(new Entity(types[random.nextInt(types.length)], random.nextInt(35) - 2,
                        random.nextInt(35) - 2, Optional.of("https://x.io"), Optional.of("js")));
            }

            String markdown = TelegramToMarkdown.convert(text.toString(), entities);

            assertThat(markdown.replaceAll("[^ab]", "")).as(text + " " + entities)
                    .isEqualTo(text.toString().replaceAll("[^ab]", ""));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void convertsEntitiesToMarkdown(String name, String text, List<Entity> entities, String markdown) {
        assertThat(TelegramToMarkdown.convert(text, entities)).isEqualTo(markdown);
    }
}
