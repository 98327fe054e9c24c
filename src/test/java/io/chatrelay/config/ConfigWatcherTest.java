package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.platform.Platforms;
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

    @Test
    void aReloadThatThrowsAnErrorDoesNotStopTheWatch() throws Exception {
        String config = """
                chat_data: {signing_secrets: [s]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - {name: %s, to: [crm]}
                """;
        Path file = Files.writeString(dir.resolve("relay.yaml"), config.formatted("first"));
        List<RelayConfig> applied = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger reloads = new java.util.concurrent.atomic.AtomicInteger();
        ConfigWatcher.Listener listener = new ConfigWatcher.Listener() {
            public void reload(RelayConfig next) {
                if (reloads.incrementAndGet() == 1) {
                    throw new StackOverflowError(); // applying the first edit fails beyond any exception
                }
                applied.add(next);
            }

            public void reloadRejected() {
            }
        };

        try (LogCapture log = new LogCapture();
             ConfigWatcher watcher = new ConfigWatcher(file, listener, Platforms.loader(Map.of()))) {
            Files.writeString(file, config.formatted("second"));
            io.chatrelay.testkit.Eventually.holds("the failed reload happened", () -> reloads.get() == 1);
            Files.writeString(file, config.formatted("third"));

            io.chatrelay.testkit.Eventually.holds("the next edit is applied", () -> !applied.isEmpty());
            assertThat(applied.get(0).routes().get(0).name()).isEqualTo("third");
            assertThat(reloads.get()).isEqualTo(2);
            assertThat(log.text()).as("the failure is logged, by its kind")
                    .contains("relay-config-watch failed: StackOverflowError; it runs again in 500ms");
        }
    }
}
