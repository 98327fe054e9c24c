import io.chatrelay.config.StoreConfig;
import io.chatrelay.store.DeliveryFilter;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.EventFilter;
import io.chatrelay.store.History;
import io.chatrelay.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Times the store's side of the admin listings on a store filled by FillStore: each query as the
 * admin API asks it (a page of 50 plus one), once to warm up, then 5 times; prints the median and
 * the slowest in milliseconds and the rows found. Opening the store (and any migration it needs)
 * is timed apart. Usage: ListStore STORE_URL
 */
public final class ListStore {

    private static final int PAGE = 51;

    public static void main(String[] args) {
        long opening = System.nanoTime();
        try (Store store = Store.open(new StoreConfig(args[0], StoreConfig.DEFAULT_RETENTION))) {
            History history = store.history();
            System.out.printf("open (with any migration): %.2f s%n", (System.nanoTime() - opening) / 1e9);
            Instant now = Instant.now();
            DeliveryFilter all = DeliveryFilter.newest(PAGE);
            EventFilter events = EventFilter.newest(PAGE);
            Map<String, Supplier<Integer>> queries = new LinkedHashMap<>();
            queries.put("deliveries", () -> history.find(all).size());
            queries.put("deliveries?status=dead", () -> history.find(all.withStatus(DeliveryStatus.DEAD)).size());
            queries.put("deliveries?status=pending", () -> history.find(all.withStatus(DeliveryStatus.PENDING)).size());
            queries.put("deliveries?status=delivered",
                    () -> history.find(all.withStatus(DeliveryStatus.DELIVERED)).size());
            queries.put("deliveries?status=pending&destination=sink",
                    () -> history.find(all.withStatus(DeliveryStatus.PENDING).withDestination("sink")).size());
            queries.put("deliveries?status=pending&destination=ops",
                    () -> history.find(all.withStatus(DeliveryStatus.PENDING).withDestination("ops")).size());
            queries.put("deliveries?destination=ops", () -> history.find(all.withDestination("ops")).size());
            queries.put("deliveries?status=dead&cursor=500000",
                    () -> history.find(all.withStatus(DeliveryStatus.DEAD).withBefore(500_000L)).size());
            queries.put("deliveries?conversation=conv-12345", () -> history.find(all.withConversation("conv-12345")).size());
            queries.put("deliveries?event=bench-000500000", () -> history.find(all.withEventId("bench-000500000")).size());
            queries.put("deliveries?since=1h", () -> history.find(all.withSince(now.minus(Duration.ofHours(1)))).size());
            queries.put("events", () -> history.events(events).size());
            queries.put("events?type=chat", () -> history.events(filter("chat", null, null)).size());
            queries.put("events?status=dead", () -> history.events(filter(null, null, DeliveryStatus.DEAD)).size());
            queries.put("events?status=delivered",
                    () -> history.events(filter(null, null, DeliveryStatus.DELIVERED)).size());
            queries.put("events?destination=ops&status=pending",
                    () -> history.events(filter(null, "ops", DeliveryStatus.PENDING)).size());
            queries.put("events?destination=sink&status=pending",
                    () -> history.events(filter(null, "sink", DeliveryStatus.PENDING)).size());
            queries.put("events?destination=ops", () -> history.events(filter(null, "ops", null)).size());
            queries.put("destinations", () -> history.countsByDestination(now.minus(Duration.ofHours(1))).size());
            queries.forEach((name, query) -> time(name, query));
        }
    }

    private static EventFilter filter(String type, String destination, DeliveryStatus status) {
        return EventFilter.newest(PAGE).withType(type).withDestination(destination).withStatus(status);
    }

    private static void time(String name, Supplier<Integer> query) {
        int rows = query.get();
        double[] millis = new double[5];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            query.get();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("%-45s %8.2f ms median %8.2f ms slowest (%d rows)%n", name, millis[2], millis[4], rows);
    }
}
