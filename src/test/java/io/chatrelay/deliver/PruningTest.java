package io.chatrelay.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.config.StoreConfig;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.Postgres;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pruning on a real PostgreSQL: a prune held up in the database holds up nothing else. */
class PruningTest {

    @TempDir
    Path dir;

    @Test
    void deliversWhileThePruneAtStartWaitsForARowAnotherSessionHolds() throws Exception {
        String store = Postgres.freshDatabase();
        Store.open(new StoreConfig(store, StoreConfig.DEFAULT_RETENTION)).close(); // the schema
        long old = Instant.now().minus(Duration.ofDays(30)).toEpochMilli();
        try (Connection setup = DriverManager.getConnection(store); Statement sql = setup.createStatement()) {
            sql.execute("INSERT INTO events (id, type, body, received_at) VALUES ('old', 'chat', '{}', " + old + ")");
            sql.execute("INSERT INTO deliveries (event_id, destination, route, status, attempts, next_attempt_at, "
                    + "updated_at) VALUES ('old', 'crm', 'all', 'delivered', 1, " + old + ", " + old + ")");
        }
        try (Connection holder = DriverManager.getConnection(store); Statement hold = holder.createStatement();
             Sink sink = Sink.ok()) {
            holder.setAutoCommit(false);
            hold.executeQuery("SELECT id FROM deliveries FOR UPDATE").close(); // the prune's delete waits for it

            try (Relay relay = Relay.start(RelayUnderTest.config(dir, """
                    destinations: {crm: {type: webhook, url: "%s"}}
                    routes: [{name: all, to: [crm]}]
                    """.formatted(sink.url("/hook"))).withStore(new StoreConfig(store, StoreConfig.DEFAULT_RETENTION)))) {
                Eventually.holds("the prune at start is waiting for the held row", () -> pruneWaits(store));

                assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("c1", "new"))
                        .status()).isEqualTo(200);

                assertThat(sink.take(Duration.ofSeconds(10)).getBody().utf8()).as("delivered meanwhile").contains("new");
            } finally {
                holder.rollback();
            }
        }
    }

    private static boolean pruneWaits(String store) {
        try (Connection connection = DriverManager.getConnection(store); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                     + "AND query LIKE 'DELETE FROM deliveries%'")) {
            return rows.next() && rows.getInt(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
