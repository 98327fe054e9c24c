package io.chatrelay.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Copies answered once on a real SQLite file. */
class SqliteReplayTest extends ReplayContract {

    @TempDir
    Path dir;

    private int stores;

    @Override
    String freshUrl() {
        return "jdbc:sqlite:" + dir.resolve("relay-" + ++stores + ".db");
    }
}
