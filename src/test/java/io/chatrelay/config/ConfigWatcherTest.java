package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.format.Platforms;
import io.chatrelay.testkit.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {

    @TempDir
    Path dir;

    @Test
    void aReloadedConfigsWarningsAreLogged() throws Exception {
        Path file = Files.writeString(dir.resolve("relay.yaml"), """
                chat_data: {signing_secrets: [s]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - {name: closed, match: {event: conversation-closed}, to: [crm]}
                """);
        List<RelayConfig> applied = new ArrayList<>();
        ConfigWatcher.Listener listener = new ConfigWatcher.Listener() {
            public void reload(RelayConfig next) {
                applied.add(next);
            }

            public void reloadRejected() {
            }
        };

        try (LogCapture log = new LogCapture();
             ConfigWatcher watcher = new ConfigWatcher(file, listener, Platforms.loader(Map.of()))) {
            assertThat(watcher.reloadNow()).isTrue();

            assertThat(applied).hasSize(1);
            assertThat(log.text()).contains("WARN", "routes[0].match.event: no documented event has the event type "
                    + "'conversation-closed'");
        }
    }
}
