import io.chatrelay.config.StoreConfig;
import io.chatrelay.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;

/**
 * Fills a store with N events of one delivery each, straight into the schema the relay creates
 * (the relay opens the store first, so the schema is its own), in a few statements. The events'
 * acceptance is spread over the last 8 days, so with the default 7-day retention an eighth of the
 * delivered ones are due for pruning. Every 100th delivery is dead, PENDING in 100 (default 1) are
 * pending (their retry due in an hour, so the relay leaves them alone), the rest delivered; each
 * has one attempt; one in five goes to a second destination; conversations have 20 events each.
 * Usage: FillStore STORE_URL N BODY_FILE [PENDING]
 */
public final class FillStore {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long n = Long.parseLong(args[1]);
        byte[] body = Files.readAllBytes(Path.of(args[2]));
        int pending = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        String isPending = "i % 100 BETWEEN 1 AND " + pending;
        Store.open(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION)).close(); // the relay's own schema
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        long now = System.currentTimeMillis();
        long span = Duration.ofDays(8).toMillis();
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            String numbers = sqlite
                    ? "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + n + ") "
                    : "";
            String from = sqlite ? " FROM n" : " FROM generate_series(1, " + n + ") AS n(i)";
            String id = sqlite ? "printf('bench-%09d', i)" : "'bench-' || lpad(i::text, 9, '0')";
            String at = "(" + (now - span) + " + i * " + (span / n) + ")";
            try (PreparedStatement events = connection.prepareStatement(numbers
                    + "INSERT INTO events (id, type, conversation_id, body, received_at) SELECT " + id
                    + ", CASE WHEN i % 5 = 0 THEN 'chat' ELSE 'lead-submission' END, 'conv-' || (i / 20), ?, " + at
                    + from)) {
                events.setBytes(1, body);
                events.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(numbers + "INSERT INTO deliveries (event_id, destination, route, order_key, "
                        + "status, attempts, next_attempt_at, lease_until, lease_owner, last_status, last_reason, "
                        + "updated_at) SELECT " + id + ", CASE WHEN i % 5 = 0 THEN 'ops' ELSE 'sink' END, 'all', "
                        + "'conv-' || (i / 20), CASE WHEN i % 100 = 0 THEN 'dead' WHEN " + isPending + " THEN 'pending' "
                        + "ELSE 'delivered' END, 1, CASE WHEN " + isPending + " THEN " + (now + 3_600_000L) + " ELSE "
                        + at + " END, NULL, NULL, CASE WHEN i % 100 = 0 THEN 400 WHEN " + isPending + " THEN 503 "
                        + "ELSE 200 END, NULL, " + at + " + 50" + from);
                statement.executeUpdate("INSERT INTO attempts (delivery_id, number, at, status, reason, duration_ms, "
                        + "outcome, answer, next_attempt_at) SELECT id, 1, updated_at - 50, last_status, NULL, 50, "
                        + "CASE status WHEN 'pending' THEN 'retry' ELSE status END, NULL, "
                        + "CASE status WHEN 'pending' THEN next_attempt_at END FROM deliveries");
            }
            connection.commit();
            try (Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                if (!sqlite) {
                    statement.execute("VACUUM ANALYZE"); // what autovacuum does soon; the relay never analyses SQLite
                }
            }
        }
        System.out.printf("%d %.1f%n", n, (System.nanoTime() - started) / 1e9);
    }
}
