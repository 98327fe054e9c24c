package io.chatrelay.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackMrkdwnTest {

    @Test
    void convertsMarkdownToMrkdwn() {
        assertThat(SlackMrkdwn.render("**bold**, *it*, `code` and [the guide](https://x.example/a?b=1&c=2)"))
                .isEqualTo("*bold*, _it_, `code` and <https://x.example/a?b=1&amp;c=2|the guide>");
    }

    @Test
    void convertsListsQuotesAndCodeBlocks() {
        assertThat(SlackMrkdwn.render("> wise words\n\n- a\n- b\n\n```\nif (a < b) {}\n```"))
                .isEqualTo("> wise words\n\n• a\n• b\n\n```\nif (a &lt; b) {}\n```");
    }

    @Test
    void convertsStrikethrough() {
        assertThat(SlackMrkdwn.render("~~old price~~ **new**")).isEqualTo("~old price~ *new*");
    }

    @Test
    void escapesUserTextSoItCannotMention() {
        assertThat(SlackMrkdwn.render("<!channel> & <@U123> **<!here>**"))
                .isEqualTo("&lt;!channel&gt; &amp; &lt;@U123&gt; *&lt;!here&gt;*");
    }

    @Test
    void keepsPipesAndAnglesOutOfLinkSyntax() {
        assertThat(SlackMrkdwn.render("[a|b](https://x.example/p|q>r)")).isEqualTo("<https://x.example/p%7Cq%3Er|a¦b>");
    }
}
