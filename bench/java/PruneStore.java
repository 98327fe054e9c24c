import io.chatrelay.config.StoreConfig;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.Store;
import java.time.Instant;

/**
 * Times one retention prune of a store, as the relay runs it (delivered deliveries older than the
 * default 7 days), and prints the deliveries pruned and the seconds it took.
 * Usage: PruneStore STORE_URL
 */
public final class PruneStore {

    public static void main(String[] args) {
        try (Store store = Store.openForTools(new StoreConfig(args[0], StoreConfig.DEFAULT_RETENTION))) {
            long started = System.nanoTime();
            int pruned = store.outbox().pruneDelivered(Instant.now().minus(StoreConfig.DEFAULT_RETENTION));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%d %.2f %d%n", pruned, seconds, store.history().count(DeliveryStatus.PENDING));
        }
    }
}
