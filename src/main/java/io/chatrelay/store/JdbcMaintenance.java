package io.chatrelay.store;

import java.time.Instant;
import java.util.List;

/** {@link Maintenance} in the outbox's database. */
final class JdbcMaintenance implements Maintenance {

    /** A fresh start for dead deliveries; it ends any claim from before it. */
    private static final String REPLAY = "UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, "
            + "updated_at = ?, claim = claim + 1 WHERE status = 'dead'";

    private final Database database;

    JdbcMaintenance(Database database) {
        this.database = database;
    }

    @Override
    public int replay(List<Long> ids, ActionSource source, Instant now) {
        return database.transaction(sql -> {
            int replayed = 0;
            for (long id : ids) {
                if (sql.update(REPLAY + " AND id = ?", now.toEpochMilli(), now.toEpochMilli(), id) == 1) {
                    Actions.record(sql, id, "replay", source, now.toEpochMilli());
                    replayed++;
                }
            }
            return replayed;
        });
    }

    @Override
    public int replayAllDead(Instant now) {
        return database.transaction(sql -> sql.update(REPLAY, now.toEpochMilli(), now.toEpochMilli()));
    }

    @Override
    public boolean retryNow(long id, ActionSource source, Instant now) {
        return database.transaction(sql -> Actions.retryNow(sql, id, source, now));
    }

    @Override
    public boolean resend(long id, ActionSource source, Instant now) {
        return database.transaction(sql -> Actions.resend(sql, id, source, now));
    }

    @Override
    public int replayDead(DeliveryFilter filter, ActionSource source, Instant now) {
        return database.transaction(sql -> Actions.replayDead(sql, filter, source, now));
    }

    @Override
    public void probe() {
        database.lazyTransaction(sql -> sql.count("SELECT COUNT(*) FROM (SELECT 1 FROM deliveries LIMIT 1) one"));
    }

    @Override
    public StoreHealth health() {
        return database.health();
    }

    @Override
    public StoreHealth check() {
        return database.check();
    }
}
