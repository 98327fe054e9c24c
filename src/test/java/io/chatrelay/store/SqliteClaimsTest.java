package io.chatrelay.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Claims on a real SQLite file. */
class SqliteClaimsTest extends ClaimsContract {

    @TempDir
    Path dir;

    @Override
    String freshUrl() {
        return "jdbc:sqlite:" + dir.resolve("relay.db");
    }
}
