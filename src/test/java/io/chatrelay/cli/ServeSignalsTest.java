package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.RelayProcess;
import io.chatrelay.testkit.RelayUnderTest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as a process: a stop that arrives while it is still starting is a clean stop too. */
class ServeSignalsTest {

    @TempDir
    Path dir;

    private String log() {
        try {
            return Files.readString(dir.resolve("serve.log"));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void sigtermWhileWaitingForTheDatabaseExitsZero() throws Exception {
        // A PostgreSQL port where nothing answers keeps start-up waiting for the store (up to 10 s),
        // as a container does when its database comes up after it.
        int nothing;
        try (ServerSocket closed = new ServerSocket(0)) {
            nothing = closed.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                server: {port: %d}
                store: {url: "jdbc:postgresql://127.0.0.1:%d/relay?user=relay"}
                chat_data: {signing_secrets: ["%s"]}
                destinations: {crm: {type: webhook, url: "https://crm.example.com/hook"}}
                routes: [{name: all, to: [crm]}]
                """.formatted(RelayProcess.freePort(), nothing, RelayUnderTest.SECRET));

        try (RelayProcess relay = RelayProcess.launch(config, dir.resolve("serve.log"))) {
            Eventually.holds("serve is starting", Duration.ofSeconds(20), () -> log().contains("starting with"));

            assertThat(relay.terminate()).as("exit code of SIGTERM during start-up").isZero();
        }
        assertThat(log()).contains("stopped during start-up").doesNotContain("cannot start");
    }
}
