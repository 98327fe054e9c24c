package io.chatrelay.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The listings at scale on PostgreSQL, planned with the statistics autovacuum would have gathered. */
class PostgresListingTest extends ListingContract {

    @Override
    String freshUrl() {
        return Postgres.freshDatabase();
    }

    @Override
    List<String> plan(Connection connection, Query query) throws SQLException {
        return column(connection, "EXPLAIN " + query.sql(), "QUERY PLAN", query.parameters());
    }

    @Override
    boolean sorts(List<String> plan) {
        return plan.stream().anyMatch(line -> line.contains("Sort"));
    }

    @Override
    boolean readsWhole(List<String> plan, String table, String alias) {
        return plan.stream().anyMatch(line -> line.contains("Seq Scan on " + table));
    }

    @Override
    void analyze(Connection connection) throws SQLException {
        connection.createStatement().execute("ANALYZE");
    }

    @Override
    List<String> indexes(Connection connection, String table) throws SQLException {
        return column(connection, "SELECT indexname FROM pg_indexes WHERE tablename = ?", "indexname", List.of(table));
    }

    @Override
    void assertEachEventsDeliveriesAreFoundByTheirIndex(List<String> plan) {
        assertThat(readsWhole(plan, "deliveries", "d")).as("%s", plan).isFalse();
    }

    /** PostgreSQL reads the index alone or the heap pages it points to, as its statistics say is cheaper. */
    @Override
    void assertReadsOnlyIndexEntries(List<String> plan, String index) {
        assertThat(plan).as("counted from the index").anyMatch(line -> line.contains(" " + index))
                .noneMatch(line -> line.contains("Seq Scan"));
    }

    /**
     * The rows of the table an index holds, as ANALYZE counts them: it reads every row of a table
     * of this size, so the count is exact.
     */
    @Override
    long indexEntries(Connection connection, String index) throws SQLException {
        connection.createStatement().execute("ANALYZE deliveries");
        return Long.parseLong(column(connection, "SELECT CAST(reltuples AS BIGINT) AS n FROM pg_class WHERE relname = ?",
                "n", List.of(index)).get(0));
    }

    @Override
    void assertClaimsUseTheirIndexes(List<String> plan) {
        assertThat(plan).anyMatch(line -> line.contains("Index Scan using deliveries_due on deliveries d"))
                .anyMatch(line -> line.contains("Index Only Scan using deliveries_conversation on deliveries p"));
    }
}
