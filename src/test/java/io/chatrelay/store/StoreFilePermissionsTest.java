package io.chatrelay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chatrelay.config.StoreConfig;
import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import io.chatrelay.testkit.LogCapture;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store holds visitors' names, emails and phone numbers: only its owner may read it. */
class StoreFilePermissionsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static void storeAnEvent(Outbox outbox) {
        outbox.enqueue(new RawEvent("e1", "chat", "c1", "{\"email\":\"v@example.com\"}".getBytes(), Instant.now()),
                List.of(new Target("crm", "all")));
    }

    @Test
    void aFreshStoreIsReadableByItsOwnerOnlyWithItsJournalAndTheDirectoryItCreated() throws Exception {
        Path store = dir.resolve("data/nested/relay.db");
        try (Store opened = Store.open(new StoreConfig("jdbc:sqlite:" + store, StoreConfig.DEFAULT_RETENTION))) {
            storeAnEvent(opened.outbox());

            assertThat(mode(store)).isEqualTo("rw-------");
            assertThat(mode(Path.of(store + "-wal"))).isEqualTo("rw-------");
            assertThat(mode(Path.of(store + "-shm"))).isEqualTo("rw-------");
            assertThat(mode(dir.resolve("data/nested"))).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
        }
    }

    @Test
    void anExistingStoreReadableByOthersIsMadeOwnerOnlyWithAWarning() throws Exception {
        Path store = dir.resolve("relay.db");
        try (Store opened = Store.open(new StoreConfig("jdbc:sqlite:" + store, StoreConfig.DEFAULT_RETENTION))) {
            storeAnEvent(opened.outbox());
        }
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-r--r--"));

        try (LogCapture log = new LogCapture();
             Store opened = Store.open(new StoreConfig("jdbc:sqlite:" + store, StoreConfig.DEFAULT_RETENTION))) {
            assertThat(mode(store)).isEqualTo("rw-------");
            assertThat(log.text()).contains("was rw-r--r--, readable by others; made it rw-------");
        }
    }
}
