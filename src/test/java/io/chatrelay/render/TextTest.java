package io.chatrelay.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.event.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void leavesShortTextAlone() {
        assertThat(Text.truncate("hello", 5)).isEqualTo("hello");
    }

    @Test
    void cutsLongTextAndMarksTheCut() {
        assertThat(Text.truncate("hello world", 6)).isEqualTo("hello…").hasSize(6);
    }

    @Test
    void neverSplitsAnEmoji() {
        String emoji = "ab😀cd";

        String cut = Text.truncate(emoji, 4);

        assertThat(cut).isEqualTo("ab…");
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }

    @Test
    void neverSplitsAnEscapedEntity() {
        assertThat(Text.truncate("abc&amp;def", 7)).isEqualTo("abc…");
        assertThat(Text.truncate("abc&amp;def", 10)).isEqualTo("abc&amp;d…");
    }

    @Test
    void transcriptKeepsTheNewestMessagesWithinBudget() {
        List<Message> messages = List.of(new Message("user", "first question"), new Message("assistant", "first answer"),
                new Message("user", "second question"));

        String fits = Transcript.render(messages, 47, m -> m.role() + ": " + m.content());
        String tighter = Transcript.render(messages, 46, m -> m.role() + ": " + m.content());

        assertThat(fits).isEqualTo("…\nassistant: first answer\nuser: second question").hasSize(47);
        assertThat(tighter).isEqualTo("…\nuser: second question");
    }

    @Test
    void transcriptTruncatesASingleHugeMessage() {
        String rendered = Transcript.render(List.of(new Message("user", "x".repeat(500))), 100, Message::content);

        assertThat(rendered).hasSize(100).endsWith("…");
    }

    @Test
    void transcriptNeverExceedsATinyBudget() {
        List<Message> messages = List.of(new Message("user", "older"), new Message("user", "newest message"));

        for (int budget = 0; budget < 25; budget++) {
            assertThat(Transcript.render(messages, budget, Message::content).length()).isLessThanOrEqualTo(budget);
        }
    }

    @Test
    void transcriptKeepsEverythingThatFits() {
        List<Message> messages = List.of(new Message("user", "a"), new Message("assistant", "b"));

        assertThat(Transcript.render(messages, 100, Message::content)).isEqualTo("a\nb");
    }

    @Test
    void closesTheBidiIsolatesItCutsThroughWithinTheLimit() {
        String isolated = "\u2068see \u202Egnp.exe and more\u2069 after";

        assertThat(Text.truncate(isolated, 12)).isEqualTo("\u2068see \u202Egnp.\u2069…").hasSize(12);
        assertThat(Text.truncate("\u2067a\u2067b\u2067c\u2069\u2069\u2069", 8)).isEqualTo("\u2067a\u2067b\u2069\u2069…");
        assertThat(Text.truncate("\u2068a\u2069\nbcdefgh", 8)).as("an isolate closed on an earlier line")
                .isEqualTo("\u2068a\u2069\nbcd…");
    }
}
