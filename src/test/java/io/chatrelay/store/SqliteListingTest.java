package io.chatrelay.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The listings at scale on SQLite, whose planner runs without statistics, as the relay leaves it. */
class SqliteListingTest extends ListingContract {

    @TempDir
    Path dir;
    private int stores;

    @Override
    String freshUrl() {
        return "jdbc:sqlite:" + dir.resolve("relay-" + ++stores + ".db");
    }

    @Override
    List<String> plan(Connection connection, Query query) throws SQLException {
        return column(connection, "EXPLAIN QUERY PLAN " + query.sql(), "detail", query.parameters());
    }

    @Override
    boolean sorts(List<String> plan) {
        return plan.stream().anyMatch(line -> line.contains("TEMP B-TREE FOR ORDER BY"));
    }

    @Override
    boolean readsWhole(List<String> plan, String table, String alias) {
        return plan.stream().anyMatch(line -> line.matches("SCAN (" + table + "|" + alias + ")( .*)?"));
    }

    @Override
    void analyze(Connection connection) {
        // the relay never runs ANALYZE on SQLite: its planner has no statistics, so neither has this one
    }

    @Override
    List<String> indexes(Connection connection, String table) throws SQLException {
        return column(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", "name", List.of(table));
    }

    @Override
    void assertEachEventsDeliveriesAreFoundByTheirIndex(List<String> plan) {
        assertThat(plan).as("the deliveries of each event scanned").anyMatch(line -> line.startsWith("SEARCH d ")
                && line.contains("deliveries_event (event_id=?)"));
    }

    @Override
    void assertReadsOnlyIndexEntries(List<String> plan, String index) {
        assertThat(plan).as("read from the index alone").isNotEmpty()
                .allMatch(line -> !line.startsWith("SEARCH") && !line.startsWith("SCAN")
                        || line.contains("USING COVERING INDEX " + index + " "));
    }

    /** Every cell of an index's b-tree, interior or leaf, is one of its entries. */
    @Override
    long indexEntries(Connection connection, String index) throws SQLException {
        return Long.parseLong(column(connection, "SELECT SUM(ncell) AS n FROM dbstat WHERE name = ?", "n",
                List.of(index)).get(0));
    }

    @Override
    void assertClaimsUseTheirIndexes(List<String> plan) {
        assertThat(plan).anyMatch(line -> line.startsWith("SEARCH d USING INDEX deliveries_due"))
                .anyMatch(line -> line.startsWith("SEARCH p USING COVERING INDEX deliveries_conversation"));
    }
}
