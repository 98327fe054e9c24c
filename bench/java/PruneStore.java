import io.chatrelay.config.StoreConfig;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.JdbcOutbox;
import java.time.Instant;

/**
 * Times one retention prune of a store, as the relay runs it (delivered deliveries older than the
 * default 7 days), and prints the deliveries pruned and the seconds it took.
 * Usage: PruneStore STORE_URL
 */
public final class PruneStore {

    public static void main(String[] args) {
        try (JdbcOutbox outbox = JdbcOutbox.openForTools(new StoreConfig(args[0], StoreConfig.DEFAULT_RETENTION))) {
            long started = System.nanoTime();
            int pruned = outbox.pruneDelivered(Instant.now().minus(StoreConfig.DEFAULT_RETENTION));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%d %.2f %d%n", pruned, seconds, outbox.count(DeliveryStatus.PENDING));
        }
    }
}
