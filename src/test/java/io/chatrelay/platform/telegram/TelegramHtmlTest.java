package io.chatrelay.platform.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelegramHtmlTest {

    @Test
    void convertsMarkdownToTelegramHtml() {
        assertThat(TelegramHtml.render("**b** _i_ `x<y` [g](https://x.example/?a=1&b=2)\n\n> q"))
                .isEqualTo("<b>b</b> <i>i</i> <code>x&lt;y</code> <a href=\"https://x.example/?a=1&amp;b=2\">g</a>"
                        + "\n\n<blockquote>q</blockquote>");
    }

    @Test
    void convertsStrikethrough() {
        assertThat(TelegramHtml.render("~~old price~~ **new**")).isEqualTo("<s>old price</s> <b>new</b>");
    }

    @Test
    void escapesUserHtml() {
        assertThat(TelegramHtml.render("<b>not bold</b> & co")).isEqualTo("&lt;b&gt;not bold&lt;/b&gt; &amp; co");
    }

    @Test
    void countsVisibleCharactersLikeTelegram() {
        assertThat(TelegramHtml.visibleLength("<b>ab</b> &amp; <a href=\"x\">c</a>")).isEqualTo(6);
    }

    @Test
    void truncatesWithoutBreakingTagsOrEntitiesAndClosesWhatItOpened() {
        String html = "<b>bold &amp; long</b> <i>" + "x".repeat(50) + "</i>";

        String cut = TelegramHtml.truncate(html, 12);

        assertThat(cut).isEqualTo("<b>bold &amp; long…</b>");
        assertThat(TelegramHtml.visibleLength(cut)).isLessThanOrEqualTo(12);
    }

    @Test
    void neverEndsInsideAnEmoji() {
        String cut = TelegramHtml.truncate("ab😀😀😀", 4);

        assertThat(cut).isEqualTo("ab…");
    }
}
