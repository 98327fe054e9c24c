package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.StoreConfig;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay's store fails under it: a full disk (SQLite's {@code max_page_count} on the relay's
 * real file, filled from a second connection) and a store file deleted while it runs.
 */
class StoreFaultsTest {

    @TempDir
    Path dir;

    private static final Duration UNHEALTHY_AFTER = Duration.ofMinutes(2);
    private final ManualClock clock = new ManualClock();

    private Relay start(Sink sink, String store) throws Exception {
        return Relay.start(RelayUnderTest.config(dir, """
                destinations: {crm: {type: webhook, url: "%s"}}
                routes: [{name: all, to: [crm]}]
                """.formatted(sink.url("/hook"))).withStore(new StoreConfig(store, StoreConfig.DEFAULT_RETENTION,
                UNHEALTHY_AFTER)), clock);
    }

    private String plainUrl() {
        return "jdbc:sqlite:" + dir.resolve("relay.db");
    }

    /** The relay's connection may grow the file to this many pages; a second connection fills it up. */
    private static final int MAX_PAGES = 200;

    private String fullableUrl() {
        return "jdbc:sqlite:" + dir.resolve("relay.db") + "?max_page_count=" + MAX_PAGES;
    }

    private void sql(String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"));
             Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA busy_timeout=5000");
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    private long pages() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"));
             Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("PRAGMA page_count")) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private long lastHeartbeat() {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"));
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT MAX(seen_at) FROM replicas")) {
            return row.next() ? row.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fills the file up to the relay's page limit: its next page allocation fails with SQLITE_FULL. */
    private void fillTheDisk() throws Exception {
        sql("CREATE TABLE filler (b BLOB)");
        while (pages() < MAX_PAGES) {
            sql("INSERT INTO filler VALUES (zeroblob(16384))", "PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    private void freeSpace() throws Exception {
        sql("DROP TABLE filler");
    }

    private static byte[] event(String marker) {
        return RelayUnderTest.chat("c-" + marker, "m-" + marker + "-" + "x".repeat(6_000));
    }

    @Test
    void aFullDiskAnswers503AndNotReadyThenTakesEventsAgainOnceSpaceIsBackWithoutARestart() throws Exception {
        try (Sink sink = Sink.ok(); Relay relay = start(sink, fullableUrl())) {
            assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, event("before")).status()).isEqualTo(200);
            sink.take();

            fillTheDisk();
            Eventually.holds("a full store refuses the event", () ->
                    Http.postSigned(relay.port(), RelayUnderTest.SECRET, event("full")).status() == 503);
            assertThat(Http.get(relay.port(), "/readyz").status()).as("not ready while the store is full").isEqualTo(503);
            long heartbeat = lastHeartbeat();
            Eventually.holds("a small update (the replica heartbeat) succeeds on the full disk", () -> lastHeartbeat() > heartbeat);
            assertThat(Http.get(relay.port(), "/readyz").status()).as("which proves nothing about taking events")
                    .isEqualTo(503);

            freeSpace();
            Eventually.holds("ready again once space is back", () -> Http.get(relay.port(), "/readyz").status() == 200);
            assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, event("after")).status()).isEqualTo(200);
            assertThat(sink.take(Duration.ofSeconds(10)).getBody().utf8()).contains("m-after");
        }
    }

    @Test
    void aStoreFullForLongerThanUnhealthyAfterFailsHealthzSoThatTheProcessIsRestarted() throws Exception {
        try (Sink sink = Sink.ok(); Relay relay = start(sink, fullableUrl())) {
            fillTheDisk();
            Eventually.holds("a full store refuses the event", () ->
                    Http.postSigned(relay.port(), RelayUnderTest.SECRET, event("full")).status() == 503);
            assertThat(Http.get(relay.port(), "/healthz").status()).as("failing, but not for long yet").isEqualTo(200);

            clock.advance(UNHEALTHY_AFTER.plusSeconds(1));
            Http.Reply healthz = Http.get(relay.port(), "/healthz");
            assertThat(healthz.status()).isEqualTo(503);
            assertThat(healthz.body()).contains("\"status\":\"unhealthy\"")
                    .contains("\"error\":\"the store has been failing for more than 120s\"");

            freeSpace();
            Eventually.holds("healthy again once space is back", () -> Http.get(relay.port(), "/healthz").status() == 200);
        }
    }

    @Test
    void aStoreFileDeletedUnderTheRelayRefusesEventsIsNotReadyAndStillDeliversWhatItHadAccepted() throws Exception {
        try (Sink sink = Sink.ok(); Relay relay = start(sink, plainUrl())) {
            sink.then(Sink.status(503, "busy"));
            assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, event("accepted")).status()).isEqualTo(200);
            sink.take();

            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(dir.resolve("relay.db" + suffix));
            }

            assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, event("lost")).status())
                    .as("an event written to a deleted file would be lost at the next restart").isEqualTo(503);
            assertThat(Http.get(relay.port(), "/readyz").status()).isEqualTo(503);
            assertThat(sink.take(Duration.ofSeconds(10)).getBody().utf8())
                    .as("the event accepted before goes out from the open file").contains("m-accepted");
            assertThat(Http.get(relay.port(), "/healthz").status()).isEqualTo(200);

            clock.advance(UNHEALTHY_AFTER.plusSeconds(1));
            assertThat(Http.get(relay.port(), "/healthz").status()).as("only a restart helps").isEqualTo(503);
        }
    }

    @Test
    void aStoreFileReplacedUnderTheRelayIsNotReadyAndRefusesEvents() throws Exception {
        try (Sink sink = Sink.ok(); Relay relay = start(sink, plainUrl())) {
            Path moved = dir.resolve("moved.db");
            Files.move(dir.resolve("relay.db"), moved);
            Files.copy(moved, dir.resolve("relay.db"));

            Eventually.holds("not ready once the path names another file", () ->
                    Http.get(relay.port(), "/readyz").status() == 503);
            assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, event("replaced")).status()).isEqualTo(503);
        }
    }
}
