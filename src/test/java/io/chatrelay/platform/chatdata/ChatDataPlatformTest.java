package io.chatrelay.platform.chatdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Chat Data's API as the destination of replies: what a reply's stored fields become. */
class ChatDataPlatformTest {

    @Test
    void aMalformedAvatarIsLeftOutRatherThanLosingTheReply() {
        assertThat(ChatDataPlatform.avatar("https://avatars.slack-edge.com/a 72.png")).isEmpty();
        assertThat(ChatDataPlatform.avatar("javascript:alert(1)")).isEmpty();
        assertThat(ChatDataPlatform.avatar(null)).isEmpty();
        assertThat(ChatDataPlatform.avatar("https://avatars.slack-edge.com/a_72.png"))
                .contains(URI.create("https://avatars.slack-edge.com/a_72.png"));
    }
}
