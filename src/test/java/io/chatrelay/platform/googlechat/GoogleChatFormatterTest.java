package io.chatrelay.platform.googlechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.FormatterFixtures;
import io.chatrelay.platform.OutboundRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoogleChatFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GoogleChatFormatter FORMATTER = new GoogleChatFormatter(new GoogleChatConfig("space",
            new Secret("https://chat.googleapis.com/v1/spaces/AAA/messages?key=K&token=T&threadKey=old"),
            new DestinationOptions(Optional.empty(), Optional.empty(), Optional.empty())));

    @Test
    void visitorTextCannotMentionOrFormatInTheTextFallback() {
        assertThat(GoogleChatText.literal("<users/all> *hi* _x_ ~y~ `z`"))
                .doesNotContain("<users/", "*hi*", "_x_", "~y~", "`z`")
                .isEqualTo("<\u200Busers/all> *\u200Bhi*\u200B _\u200Bx_\u200B ~\u200By~\u200B `\u200Bz`\u200B");
    }

    @Test
    void convertsAnswerMarkdownToChatFormatting() {
        assertThat(GoogleChatText.render("**Bold**, *it* and [the guide](https://x.example/a)"))
                .isEqualTo("*Bold*, _it_ and <https://x.example/a|the guide>");
        assertThat(GoogleChatCardHtml.render("**Bold** <users/all> [g](https://x.example/?a=1&b=2)"))
                .isEqualTo("<b>Bold</b> &lt;users/all&gt; <a href=\"https://x.example/?a=1&amp;b=2\">g</a>");
    }

    @Test
    void repliesInOneThreadPerConversation() throws Exception {
        OutboundRequest first = FORMATTER.format(FormatterFixtures.envelope(
                "{\"event\":\"chat\",\"conversation_id\":\"conv-1\",\"messages\":[{\"role\":\"user\",\"content\":\"<users/all> hi\"}]}"));
        JsonNode body = JSON.readTree(first.body());

        assertThat(body.path("thread").path("threadKey").asText()).isEqualTo("conv-1");
        assertThat(first.url().toString()).isEqualTo("https://chat.googleapis.com/v1/spaces/AAA/messages?key=K&token=T"
                + "&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD");
        assertThat(first.displayUrl()).contains("key=***&token=***").doesNotContain("K&", "T&");
        assertThat(body.toString()).doesNotContain("<users/all>");
    }

    @Test
    void aLongConversationIdKeepsOneStableThreadKey() {
        String id = "c".repeat(500);

        assertThat(GoogleChatFormatter.threadKey(id)).isEqualTo(GoogleChatFormatter.threadKey(id)).hasSizeLessThan(100);
    }
}
