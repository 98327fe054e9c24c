package io.chatrelay.store;

import io.chatrelay.config.StoreConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Copies answered once on a real SQLite file. */
class SqliteReplayTest extends ReplayContract {

    @TempDir
    Path dir;

    @Override
    Store open() {
        return Store.open(new StoreConfig("jdbc:sqlite:" + dir.resolve("relay.db"), StoreConfig.DEFAULT_RETENTION));
    }
}
