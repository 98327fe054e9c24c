package io.chatrelay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.cli.Cli;
import io.chatrelay.config.StoreConfig;
import io.chatrelay.event.RawEvent;
import io.chatrelay.platform.Platforms;
import io.chatrelay.route.Target;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code events show} and the admin API take an id by its first characters, as the lists show it. */
class EventIdPrefixTest {

    private static final String FIRST = "0192f0c4-6a1e-7b4c-9d2a-5c1e2f3a4b5c";
    private static final String SECOND = "0192f0c4-6a1f-7000-8000-000000000001";
    private static final String OTHER = "0192f0c5-0000-7000-8000-000000000002";

    @TempDir
    Path dir;

    @Test
    void anEventIsFoundByAUniquePrefixOfEightCharactersOrMore() throws Exception {
        String config = store(FIRST, SECOND, OTHER);

        Cli.Run byPrefix = Cli.run("events", "show", "0192f0c4-6a1e", "--config", config);
        Cli.Run otherByEight = Cli.run("events", "show", "0192F0C5", "--config", config);
        Cli.Run ambiguous = Cli.run("events", "show", "0192f0c4", "--config", config);
        Cli.Run tooShort = Cli.run("events", "show", "0192f", "--config", config);
        Cli.Run none = Cli.run("events", "show", "0192f0c3", "--config", config);

        assertThat(byPrefix.exit()).isZero();
        assertThat(byPrefix.out()).contains("event:         " + FIRST);
        assertThat(otherByEight.out()).contains("event:         " + OTHER);
        assertThat(ambiguous.exit()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("more than one event starts with 0192f0c4; give more of the id");
        assertThat(tooShort.err()).contains("no event 0192f (give the whole id or its first 8 characters or more)");
        assertThat(none.err()).contains("no event 0192f0c3");
        assertThat(Cli.run("events", "show", SECOND, "--config", config).out()).contains("event:         " + SECOND);
    }

    @Test
    void theAdminApiFindsAnEventByAUniquePrefixAndSaysWhenOneIsNotEnough() throws Exception {
        String config = store(FIRST, SECOND, OTHER);
        String withAdmin = Files.readString(Path.of(config)) + "admin: {token: prefix-admin-token}\nserver: {port: 0}\n";
        try (Relay relay = Relay.start(Platforms.loader(Map.of()).parse(withAdmin)
                .withStore(new StoreConfig("jdbc:sqlite:" + dir.resolve("relay.db"), StoreConfig.DEFAULT_RETENTION)))) {
            assertThat(admin(relay, "0192f0c5").body()).contains("\"id\":\"" + OTHER + "\"");
            assertThat(admin(relay, "0192F0C4-6A1E").body()).contains("\"id\":\"" + FIRST + "\"");
            Http.Reply ambiguous = admin(relay, "0192f0c4");
            assertThat(ambiguous.status()).isEqualTo(409);
            assertThat(ambiguous.body()).contains("more than one event starts with 0192f0c4");
            assertThat(admin(relay, "0192f0c3").status()).isEqualTo(404);
        }
    }

    private static Http.Reply admin(Relay relay, String id) {
        return Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port() + "/admin/events/" + id)
                .header("Authorization", "Bearer prefix-admin-token").build());
    }

    @Test
    void theSuccessorOfAPrefixIsAboveEveryIdThatStartsWithIt() {
        assertThat(EventIdPrefix.successor("0192f0c4")).isEqualTo("0192f0c5");
        assertThat(EventIdPrefix.successor("0192f0c9")).isEqualTo("0192f0ca");
        assertThat(EventIdPrefix.successor("0192f0cf")).isEqualTo("0192f0d");
        assertThat(EventIdPrefix.successor("0192f0c4-f")).isEqualTo("0192f0c5");
        assertThat(EventIdPrefix.successor("ffffffff")).isNull();
    }

    private String store(String... ids) throws Exception {
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                store: {url: "jdbc:sqlite:relay.db"}
                chat_data: {signing_secrets: [s]}
                routes: []
                """);
        try (Store store = Store.open(new StoreConfig("jdbc:sqlite:" + dir.resolve("relay.db"),
                StoreConfig.DEFAULT_RETENTION))) {
            for (String id : ids) {
                store.outbox().enqueue(new RawEvent(id, "lead-submission", null, Fixtures.bytes("lead-submission"),
                        Instant.now()), List.of(new Target("sales", "leads")));
            }
        }
        return config.toString();
    }
}
