package io.chatrelay.platform.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.FormatterFixtures;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.testkit.Fixtures;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelegramFormatterTest {

    @Test
    void previewShowsTheUrlThatIsSentToWithTheApiBasePathAndTheTokenMasked() {
        TelegramFormatter formatter = new TelegramFormatter(new TelegramConfig("tg", new Secret("123:TOKEN"), "-100",
                Optional.empty(), URI.create("https://proxy.example.com/telegram/"),
                new DestinationOptions(Optional.empty(), Optional.empty(), Optional.empty())));

        OutboundRequest request = formatter.format(FormatterFixtures.envelope(Fixtures.bytes("chat")));

        assertThat(request.url().toString()).isEqualTo("https://proxy.example.com/telegram/bot123:TOKEN/sendMessage");
        assertThat(request.displayUrl()).isEqualTo("https://proxy.example.com/telegram/bot***/sendMessage");
    }
}
