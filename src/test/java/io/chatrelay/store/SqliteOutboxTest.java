package io.chatrelay.store;

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
    Outbox open() {
        return JdbcOutbox.open(config());
    }

    @Override
    String url() {
        return config().url();
    }

    @Override
    Outbox reopen() {
        return JdbcOutbox.open(config());
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
        outbox.claimDue("slack", T0, 10, LEASE);
        outbox.close();

        outbox = reopen();

        assertThat(outbox.claimDue("slack", T0.plusSeconds(1), 10, LEASE)).hasSize(1);
    }

    @Test
    void toolsOpeningTheStoreLeaveTheRelaysClaimsAlone() {
        outbox.enqueue(event("e1", null, T0), to("slack"));
        outbox.claimDue("slack", T0, 10, LEASE);

        try (Outbox tool = JdbcOutbox.openForTools(config())) {
            assertThat(tool.list(java.util.Optional.empty(), 10)).hasSize(1);
        }

        assertThat(outbox.claimDue("slack", T0.plusSeconds(1), 10, LEASE)).as("still leased to the relay").isEmpty();
    }

    @Test
    void refusesToEnqueueOnceClosedAndKeepsNothingHalfWritten() {
        outbox.close();

        assertThatThrownBy(() -> outbox.enqueue(event("e1", null, T0), to("slack")))
                .isInstanceOf(StoreUnavailableException.class);
        outbox = reopen();
        assertThat(outbox.count(DeliveryStatus.PENDING)).isZero();
    }

    @Test
    void refusesAStoreItCannotOpen() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> JdbcOutbox.open(new StoreConfig("jdbc:sqlite:" + notADirectory.resolve("relay.db"),
                StoreConfig.DEFAULT_RETENTION))).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot open the store");
    }
}
