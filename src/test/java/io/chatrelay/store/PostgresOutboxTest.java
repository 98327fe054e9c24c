package io.chatrelay.store;

import static io.chatrelay.store.StoreKit.claimDue;
import static io.chatrelay.store.StoreKit.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.StoreConfig;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Postgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The outbox contract on a real PostgreSQL, plus what only several replicas can do to it. */
class PostgresOutboxTest extends OutboxContract {

    private String url;

    @Override
    Store open() {
        url = Postgres.freshDatabase();
        return reopen();
    }

    @Override
    String url() {
        return url;
    }

    @Override
    Store reopen() {
        return Store.open(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION));
    }

    @Test
    void replicasClaimingAtOnceNeverGetTheSameDelivery() throws Exception {
        for (int i = 0; i < 200; i++) {
            outbox.enqueue(event("e" + i, null, T0), to("crm"));
        }
        List<Store> replicas = List.of(store, reopen(), reopen(), reopen());
        ExecutorService pool = Executors.newFixedThreadPool(replicas.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> claims = new ArrayList<>();
        for (Store replica : replicas) {
            claims.add(pool.submit(() -> {
                start.await();
                List<String> mine = new ArrayList<>();
                for (List<Delivery> batch = claimDue(replica.outbox(), "crm", T0, 7, LEASE); !batch.isEmpty();
                     batch = claimDue(replica.outbox(), "crm", T0, 7, LEASE)) {
                    batch.forEach(d -> mine.add(d.id()));
                }
                return mine;
            }));
        }
        start.countDown();
        List<String> all = new ArrayList<>();
        for (Future<List<String>> claim : claims) {
            all.addAll(claim.get());
        }
        pool.shutdown();
        replicas.subList(1, replicas.size()).forEach(Store::close);

        assertThat(all).hasSize(200);
        assertThat(new HashSet<>(all)).hasSize(200);
    }

    @Test
    void toolsOpenTheSharedStoreBesideTheReplicas() {
        outbox.enqueue(event("e1", null, T0), to("crm"));

        try (Store tool = Store.openForTools(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION))) {
            assertThat(list(tool.history(), java.util.Optional.empty(), 10)).extracting(DeliveryView::eventId)
                    .containsExactly("e1");
        }
    }

    @Test
    void anotherReplicaTakesOverAClaimWhoseLeaseExpired() {
        outbox.enqueue(event("e1", "c", T0), to("crm"));
        assertThat(claimDue(outbox, "crm", T0, 10, LEASE)).hasSize(1);

        try (Store other = reopen()) {
            assertThat(claimDue(other.outbox(), "crm", T0.plusSeconds(1), 10, LEASE)).as("still leased").isEmpty();
            assertThat(claimDue(other.outbox(), "crm", T0.plus(LEASE).plusSeconds(1), 10, LEASE)).as("the lease expired")
                    .hasSize(1);
        }
    }

    @Test
    void replicasMigratingAtOnceLeaveOneSchema() throws Exception {
        String empty = Postgres.freshDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Store>> opening = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            opening.add(pool.submit(() -> Store.open(new StoreConfig(empty, StoreConfig.DEFAULT_RETENTION))));
        }
        Set<Store> opened = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Future<Store> future : opening) {
            opened.add(future.get());
        }
        pool.shutdown();

        assertThat(opened).hasSize(3);
        opened.forEach(Store::close);
    }

    /**
     * A failover, or an administrator's {@code pg_terminate_backend}, kills every connection the pool
     * holds. Each dead connection may fail the one transaction that finds it dead; after that the
     * pool has replaced them all and the store works without a restart.
     */
    @Test
    void theStoreWorksAgainAfterEveryPooledConnectionWasKilled() throws Exception {
        for (int i = 0; i < 3; i++) {
            outbox.enqueue(event("before" + i, null, T0), to("crm"));
        }
        Eventually.holds("the pool holds several connections", () -> connections() >= 3);

        int killed = killConnections();

        assertThat(killed).as("the pool's connections were killed").isGreaterThanOrEqualTo(3);
        int failures = 0;
        for (int i = 0; i < 30; i++) {
            try {
                outbox.enqueue(event("after" + i, null, T0), to("crm"));
            } catch (StoreUnavailableException e) {
                failures++;
            }
        }
        assertThat(failures).as("at most one failure per killed connection").isLessThanOrEqualTo(killed);
        assertThat(claimDue(outbox, "crm", T0, 100, LEASE)).hasSize(3 + 30 - failures);
        assertThat(maintenance.health().healthy()).isTrue();
    }

    /**
     * After a failover the pool's connections may reach a server that only reads (a demoted primary,
     * a standby): every write fails there while reads work. The relay must say it is failing (ready
     * and healthy checks read {@link Outbox#health}), and work again once writes can, without a restart.
     */
    @Test
    void aStoreThatOnlyReadsIsFailingAndItsConnectionsAreReplacedUntilWritesWorkAgain() throws Exception {
        outbox.enqueue(event("before", null, T0), to("crm"));
        Eventually.holds("the pool holds several connections", () -> connections() >= 3);
        admin("ALTER DATABASE " + database() + " SET default_transaction_read_only = on");
        killConnections(); // the pool reconnects to a database that only reads

        int refused = 0;
        for (int i = 0; i < 15; i++) {
            try {
                outbox.enqueue(event("readonly" + i, null, T0), to("crm"));
            } catch (StoreUnavailableException e) {
                refused++;
            }
        }
        assertThat(refused).as("no event is stored in a database that only reads").isEqualTo(15);
        assertThat(maintenance.health().healthy()).as("the store says it is failing").isFalse();
        assertThat(history.countPending("crm")).as("reads still work").isEqualTo(1);
        assertThat(maintenance.health().healthy()).as("a read proves nothing about writes").isFalse();

        admin("ALTER DATABASE " + database() + " SET default_transaction_read_only = off");

        Eventually.holds("events are stored again without a restart", () -> {
            try {
                outbox.enqueue(event("after" + System.nanoTime(), null, T0), to("crm"));
                return true;
            } catch (StoreUnavailableException stillReadOnly) {
                return false;
            }
        });
        assertThat(maintenance.health().healthy()).isTrue();
    }

    private String database() {
        String path = url.substring(url.lastIndexOf('/') + 1);
        return path.substring(0, path.indexOf('?'));
    }

    private void admin(String statement) throws java.sql.SQLException {
        try (java.sql.Connection admin = java.sql.DriverManager.getConnection(url);
             java.sql.Statement sql = admin.createStatement()) {
            sql.execute("SET default_transaction_read_only = off");
            sql.execute(statement);
        }
    }

    private int connections() {
        try (java.sql.Connection admin = java.sql.DriverManager.getConnection(url);
             java.sql.ResultSet count = admin.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            count.next();
            return count.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int killConnections() throws java.sql.SQLException {
        try (java.sql.Connection admin = java.sql.DriverManager.getConnection(url);
             java.sql.ResultSet killed = admin.createStatement().executeQuery("SELECT count(*) FILTER "
                     + "(WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            killed.next();
            return killed.getInt(1);
        }
    }

    @Test
    void everyPooledConnectionStopsAStatementThatRunsTooLong() {
        Database database = StoreKit.open(new PostgresDialect(), Postgres.freshDatabase());
        try {
            // transactions inside one another hold three connections of the pool at once
            List<String> timeouts = database.transaction(first -> database.transaction(second ->
                    database.transaction(third -> List.of(timeout(first), timeout(second), timeout(third)))));

            assertThat(timeouts).containsExactly("30s", "30s", "30s");
        } finally {
            database.close();
        }
    }

    private static String timeout(Sql sql) throws java.sql.SQLException {
        try (java.sql.ResultSet row = sql.prepare("SHOW statement_timeout").executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }
}
