package io.chatrelay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** However a transaction ends early, even by an Error, it leaves nothing open and its half-written rows are gone. */
class FailedTransactionTest {

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void open() {
        database = StoreKit.open(new SqliteDialect(), "jdbc:sqlite:" + dir.resolve("failing.db"));
        database.transaction(sql -> sql.update("CREATE TABLE t (x INTEGER NOT NULL)"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private long rows() {
        return database.lazyTransaction(sql -> sql.count("SELECT COUNT(*) FROM t"));
    }

    @Test
    void anErrorThrownInsideATransactionRollsItBackAndTheNextOneRuns() {
        assertThatThrownBy(() -> database.transaction(sql -> {
            sql.update("INSERT INTO t (x) VALUES (1)");
            throw new StackOverflowError("rendering blew the stack");
        })).isInstanceOf(StackOverflowError.class);

        database.transaction(sql -> sql.update("INSERT INTO t (x) VALUES (2)"));
        assertThat(rows()).as("the first insert was rolled back, the second committed").isEqualTo(1);
    }
}
