package io.chatrelay.store;

import io.chatrelay.config.StoreConfig;
import java.nio.file.Files;
import java.time.Clock;

/**
 * The store named by {@code store.url}, open: its {@link #outbox() queue} for ingest and the
 * dispatcher, its {@link #history() history} for people asking what happened, and its
 * {@link #maintenance() maintenance} for operators and readiness checks, all on one database.
 * Opening creates or migrates the schema; closing ends every part.
 */
public final class Store implements AutoCloseable {

    private final Database database;
    private final JdbcOutbox outbox;
    private final JdbcHistory history;
    private final JdbcMaintenance maintenance;

    private Store(Database database, SqlDialect dialect) {
        this.database = database;
        this.outbox = new JdbcOutbox(database, dialect);
        this.history = new JdbcHistory(database, dialect);
        this.maintenance = new JdbcMaintenance(database);
    }

    /** Opens the store named by {@code store.url}, creating or migrating its schema. */
    public static Store open(StoreConfig config) {
        return open(config, Clock.systemUTC());
    }

    /** As {@link #open(StoreConfig)}; {@code clock} dates the store's faults (see {@link Maintenance#health()}). */
    public static Store open(StoreConfig config, Clock clock) {
        return open(config, true, clock);
    }

    /**
     * Opens the store for a tool ({@code deliveries list/replay}) that runs beside a relay: it
     * claims nothing and leaves the relay's claims alone.
     */
    public static Store openForTools(StoreConfig config) {
        StoreFile.of(config.url()).map(StoreFile::path).filter(path -> !Files.exists(path))
                .ifPresent(missing -> {
                    // a tool must not start an empty store beside the real one and report "0 deliveries"
                    throw new StoreUnavailableException("cannot open the store: there is none at " + missing
                            + " (is this the config serve runs with? a relative store.url is relative to the "
                            + "config's directory)", null);
                });
        return open(config, false, Clock.systemUTC());
    }

    private static Store open(StoreConfig config, boolean dispatcher, Clock clock) {
        SqlDialect dialect = SqlDialect.forUrl(config.url());
        Database database = dialect.open(config.url(), new StoreFaults(clock));
        try {
            Migrations.apply(database, dialect);
            if (dispatcher && dialect.singleProcess()) {
                // a crashed run of this single-process store left its claims behind: they are due again now
                database.transaction(sql -> sql.update("UPDATE deliveries SET lease_until = NULL, lease_owner = NULL, "
                        + "claim = claim + 1 WHERE lease_until IS NOT NULL"));
            }
            return new Store(database, dialect);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The queue: what ingest enqueues and the dispatcher claims and settles. */
    public Outbox outbox() {
        return outbox;
    }

    /** What happened to events and deliveries. */
    public History history() {
        return history;
    }

    /** Escalations that people take: claims, presses, and what brings their messages up to date. */
    public Claims claims() {
        return outbox.claims();
    }

    /** Agents' replies on their way into visitors' conversations. */
    public Replies replies() {
        return outbox.replies();
    }

    /** Replays, probes and the store's health. */
    public Maintenance maintenance() {
        return maintenance;
    }

    @Override
    public void close() {
        outbox.close();
        database.close();
    }
}
