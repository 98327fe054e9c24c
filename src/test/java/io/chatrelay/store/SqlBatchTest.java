package io.chatrelay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows added to a batch are written with their transaction's commit, and only then. */
class SqlBatchTest {

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void open() {
        database = StoreKit.open(new SqliteDialect(), "jdbc:sqlite:" + dir.resolve("batch.db"));
        database.transaction(sql -> sql.update("CREATE TABLE t (x INTEGER NOT NULL)"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void writesTheRowsOfABatchWhenItsTransactionCommits() {
        database.transaction(sql -> {
            for (int x = 1; x <= 3; x++) {
                PreparedStatement insert = sql.batch("INSERT INTO t (x) VALUES (?)");
                insert.setInt(1, x);
                insert.addBatch();
            }
            return null;
        });

        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void dropsTheRowsOfATransactionThatFailedBeforeItsCommit() {
        assertThatThrownBy(() -> database.transaction(sql -> {
            PreparedStatement insert = sql.batch("INSERT INTO t (x) VALUES (?)");
            insert.setInt(1, 1);
            insert.addBatch();
            throw new SQLException("the rest of the work failed");
        })).isInstanceOf(StoreUnavailableException.class);

        database.transaction(sql -> {
            PreparedStatement insert = sql.batch("INSERT INTO t (x) VALUES (?)");
            insert.setInt(1, 2);
            insert.addBatch();
            return null;
        });

        assertThat(rows()).as("only the committed transaction's row").isEqualTo(1);
    }

    private long rows() {
        return database.lazyTransaction(sql -> {
            try (ResultSet row = sql.prepare("SELECT COUNT(*) FROM t").executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
