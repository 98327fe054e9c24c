package io.chatrelay.platform.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MattermostTextTest {

    private static final String HOSTILE = "@channel @all @here @jane.doe -@here :@all a.@channel _@all **@here** "
            + "(@channel) @Channel! 1. @group";

    @Test
    void visitorTextNotifiesNobodyTheWayTheServerLooksForMentions() {
        assertThat(MattermostRules.notifyingWords(HOSTILE)).as("the checker sees them in raw text")
                .contains("@channel", "@all", "@here", "@jane.doe", "@Channel", "@group");

        assertThat(MattermostRules.notifyingWords(MattermostText.literal(HOSTILE))).isEmpty();
        assertThat(MattermostRules.notifyingWords(MattermostText.render(HOSTILE))).isEmpty();
    }

    @Test
    void visitorTextShowsAsTypedWithoutBreakingAddresses() {
        assertThat(MattermostText.literal("**not bold** <b> [x](https://e.example) mail jane@example.com"))
                .isEqualTo("\\*\\*not bold\\*\\* \\<b\\> \\[x\\](https://e.example) mail jane@example.com");
        assertThat(MattermostText.literal("- not a list\n1. nor this\n> nor a quote"))
                .isEqualTo("\\- not a list\n1\\. nor this\n\\> nor a quote");
        assertThat(MattermostText.literal("@here")).isEqualTo("@\u200Bhere");
    }

    @Test
    void answersKeepTheirMarkdown() {
        assertThat(MattermostText.render("**Bold**, *it*, `@here in code` and [the guide](https://x.example/a)"))
                .isEqualTo("**Bold**, _it_, `@here in code` and [the guide](https://x.example/a)");
    }
}
