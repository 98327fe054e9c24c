package io.chatrelay.store;

import static io.chatrelay.store.StoreKit.claimDue;
import static io.chatrelay.store.StoreKit.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatrelay.config.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteOutboxTest extends OutboxContract {

    @TempDir
    Path dir;

    private StoreConfig config() {
        return new StoreConfig("jdbc:sqlite:" + dir.resolve("nested/dir/relay.db"), StoreConfig.DEFAULT_RETENTION);
    }

    @Override
    Store open() {
        return Store.open(config());
    }

    @Override
    String url() {
        return config().url();
    }

    @Override
    Store reopen() {
        return Store.open(config());
    }

    @Test
    void createsTheStoreDirectoryAndUsesWriteAheadLogging() {
        outbox.enqueue(event("e1", null, T0), to("slack"));

        assertThat(dir.resolve("nested/dir/relay.db")).exists();
        assertThat(dir.resolve("nested/dir/relay.db-wal")).exists();
    }

    @Test
    void aRestartOfTheSingleProcessStoreReleasesClaimsAtOnce() {
        outbox.enqueue(event("e1", null, T0), to("slack"));
        claimDue(outbox, "slack", T0, 10, LEASE);
        store.close();

        use(reopen());

        assertThat(claimDue(outbox, "slack", T0.plusSeconds(1), 10, LEASE)).hasSize(1);
    }

    @Test
    void toolsOpeningTheStoreLeaveTheRelaysClaimsAlone() {
        outbox.enqueue(event("e1", null, T0), to("slack"));
        claimDue(outbox, "slack", T0, 10, LEASE);

        try (Store tool = Store.openForTools(config())) {
            assertThat(list(tool.history(), java.util.Optional.empty(), 10)).hasSize(1);
        }

        assertThat(claimDue(outbox, "slack", T0.plusSeconds(1), 10, LEASE)).as("still leased to the relay").isEmpty();
    }

    @Test
    void refusesToEnqueueOnceClosedAndKeepsNothingHalfWritten() {
        store.close();

        assertThatThrownBy(() -> outbox.enqueue(event("e1", null, T0), to("slack")))
                .isInstanceOf(StoreUnavailableException.class);
        use(reopen());
        assertThat(history.count(DeliveryStatus.PENDING)).isZero();
    }

    @Test
    void refusesAStoreItCannotOpen() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> Store.open(new StoreConfig("jdbc:sqlite:" + notADirectory.resolve("relay.db"),
                StoreConfig.DEFAULT_RETENTION))).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot open the store");
    }
}
