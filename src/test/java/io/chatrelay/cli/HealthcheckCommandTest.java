package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.RelayProcess;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthcheckCommandTest {

    @TempDir
    Path dir;

    private Path config(int port) throws Exception {
        return Files.writeString(dir.resolve("relay.yaml"), """
                server: {port: %d}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                destinations: {crm: {type: webhook, url: "https://crm.example.com/hook"}}
                routes: [{name: all, to: [crm]}]
                """.formatted(port, dir.resolve("relay.db"), RelayUnderTest.SECRET));
    }

    @Test
    void exitsZeroWhenTheRelayOnTheConfiguredPortAnswers() throws Exception {
        int port = RelayProcess.freePort();
        Path config = config(port);
        try (Relay relay = Relay.start(Platforms.loader(Map.of()).load(config))) {
            Cli.Run run = Cli.run("healthcheck", "--config", config.toString());

            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("http://127.0.0.1:" + port + "/healthz: 200");
        }
    }

    @Test
    void leavesTheConfigsWarningsToServe() throws Exception {
        int port = RelayProcess.freePort();
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                server: {port: %d}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                destinations: {crm: {type: webhook, url: "https://crm.example.com/hook"}}
                routes: [{name: closed, match: {event: conversation-closed}, to: [crm]}]
                """.formatted(port, dir.resolve("relay.db"), RelayUnderTest.SECRET));
        assertThat(Cli.run("validate", "--config", config.toString()).err()).contains("1 warning");
        try (Relay relay = Relay.start(Platforms.loader(Map.of()).load(config))) {
            Cli.Run run = Cli.run("healthcheck", "--config", config.toString());

            assertThat(run.exit()).isZero();
            assertThat(run.err()).as("a probe every 30 s must not repeat them").isEmpty();
        }
    }

    @Test
    void exitsOneWhenNothingListensThere() throws Exception {
        int port = RelayProcess.freePort();

        Cli.Run run = Cli.run("healthcheck", "--config", config(port).toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("http://127.0.0.1:" + port + "/healthz: no answer");
    }

    @Test
    void exitsOneWhenSomethingElseAnswersThereEvenWith200InItsBody() throws Exception {
        try (MockWebServer other = new MockWebServer()) {
            other.enqueue(new MockResponse.Builder().code(404).body("HTTP/1.1 200 OK").build());
            other.start(0);

            Cli.Run run = Cli.run("healthcheck", "--config", config(other.getPort()).toString());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("/healthz: answered 404");
            assertThat(other.takeRequest().getUrl().encodedPath()).isEqualTo("/healthz");
        }
    }

    @Test
    void exitsOneWhenTheConfigCannotBeRead() {
        Cli.Run run = Cli.run("healthcheck", "--config", dir.resolve("missing.yaml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("missing.yaml: no such file");
    }

    @Test
    void aZeroTimeoutIsOneLineAndExit2NotAStackTrace() throws Exception {
        Cli.Run run = Cli.run("healthcheck", "--timeout", "0s", "--config", config(RelayProcess.freePort()).toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("\tat ").contains("'0s' is not a duration above zero")
                .hasLineCount(1);
    }
}
