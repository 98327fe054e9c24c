package io.chatrelay.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SlackViewTest {

    @Test
    void statusLinesOfAContextBlockReadAsTheLinesSlackShows() {
        byte[] edited = """
                {"blocks":[{"type":"context","elements":[{"type":"mrkdwn",
                "text":"🙋 Taken by Ana at 14:02 UTC\\n👋 Visitor left at 14:09 UTC"}]}]}""".getBytes(StandardCharsets.UTF_8);

        assertThat(String.join("\n", SlackView.lines(edited).orElseThrow()).lines())
                .containsExactly("🙋 Taken by Ana at 14:02 UTC", "👋 Visitor left at 14:09 UTC");
    }

    @Test
    void aThreadReplyOfTextOnlyReadsAsItsText() {
        byte[] line = """
                {"channel":"C0DEMO","thread_ts":"1700000000.000100","text":"Replies here go to the visitor. \
                Start with // to keep a note internal."}""".getBytes(StandardCharsets.UTF_8);

        assertThat(SlackView.lines(line).orElseThrow()).containsExactly("(a reply in the conversation's thread)",
                "Replies here go to the visitor. Start with // to keep a note internal.");
    }
}
