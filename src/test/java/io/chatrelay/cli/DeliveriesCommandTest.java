package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deliveries list} and {@code replay} against the store of a relay that is running. */
class DeliveriesCommandTest {

    @TempDir
    Path dir;

    private static Cli.Run run(String... args) {
        return Cli.run(args);
    }

    @Test
    void listsDeadDeliveriesAndReplaysThemWhileTheRelayRuns() throws Exception {
        try (Sink discord = Sink.ok()) {
            discord.alwaysAnswer(Sink.status(404, "{\"message\":\"Unknown Webhook\",\"code\":10015}"));
            String body = """
                    destinations: {sales: {type: discord, webhook_url: "%s"}}
                    routes: [{name: leads, match: {event: lead-submission}, to: [sales]}]
                    """.formatted(discord.url("/api/webhooks/1/token"));
            Path config = Files.writeString(dir.resolve("relay.yaml"), """
                    store: {url: "jdbc:sqlite:%s"}
                    chat_data: {signing_secrets: ["%s"]}
                    """.formatted(dir.resolve("relay.db"), RelayUnderTest.SECRET) + body);
            try (Relay relay = Relay.start(RelayUnderTest.config(dir, body))) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("lead-submission"));
                discord.take();
                Eventually.holds("the delivery is dead",
                        () -> run("deliveries", "list", "--status", "dead", "--config", config.toString())
                                .out().contains("1 deliveries"));

                Cli.Run list = run("deliveries", "list", "--status", "dead", "--config", config.toString());
                assertThat(list.exit()).isZero();
                assertThat(list.out()).contains("dead", "lead-submission", "sales", "404 Unknown Webhook");
                String id = list.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];

                discord.alwaysAnswer(Sink.status(204, ""));
                Cli.Run replay = run("deliveries", "replay", id, "--config", config.toString());

                assertThat(replay.exit()).isZero();
                assertThat(replay.out()).contains("replayed 1 dead deliveries");
                assertThat(discord.take()).isNotNull();
                Eventually.holds("the replayed delivery is delivered",
                        () -> run("deliveries", "list", "--status", "delivered", "--config", config.toString())
                                .out().contains("1 deliveries"));
            }
        }
    }

    @Test
    void replayOfAnIdThatIsNotDeadSaysSo() throws Exception {
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: [s]}
                routes: []
                """.formatted(dir.resolve("relay.db")));

        Cli.Run run = run("deliveries", "replay", "42", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("1 of the ids were not dead deliveries");
        assertThat(run("deliveries", "replay", "--all-dead", "--config", config.toString()).out())
                .contains("replayed 0 dead deliveries");
    }
}
