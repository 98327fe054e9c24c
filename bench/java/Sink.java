import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A destination that accepts everything at once and measures each delivery's end-to-end latency:
 * the relay's event ids are time-ordered UUIDs whose first 48 bits are the acceptance time in ms.
 * GET /stats prints count, first/last arrival (ms) and latency p50/p99; POST /reset clears.
 * With DELAY_MS, each delivery is answered that much later: a slow receiver.
 * Usage: Sink PORT [DELAY_MS]
 */
public final class Sink {

    private static final List<long[]> ARRIVALS = new ArrayList<>(); // {arrival ms, latency ms}

    public static void main(String[] args) {
        long delayMillis = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/reset", ctx -> {
                synchronized (ARRIVALS) {
                    ARRIVALS.clear();
                }
                ctx.result("ok");
            });
            config.routes.post("/*", ctx -> {
                long now = System.currentTimeMillis();
                String id = ctx.header("X-Relay-Event-Id");
                long accepted = id == null ? now : UUID.fromString(id).getMostSignificantBits() >>> 16;
                synchronized (ARRIVALS) {
                    ARRIVALS.add(new long[] {now, now - accepted});
                }
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                ctx.status(200).result("ok");
            });
            config.routes.get("/stats", ctx -> ctx.result(stats()));
        }).start("127.0.0.1", Integer.parseInt(args[0]));
    }

    private static String stats() {
        List<long[]> copy;
        synchronized (ARRIVALS) {
            copy = new ArrayList<>(ARRIVALS);
        }
        if (copy.isEmpty()) {
            return "0 0 0 0 0";
        }
        List<Long> latencies = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = 0;
        for (long[] arrival : copy) {
            latencies.add(arrival[1]);
            first = Math.min(first, arrival[0]);
            last = Math.max(last, arrival[0]);
        }
        Collections.sort(latencies);
        return copy.size() + " " + first + " " + last + " " + percentile(latencies, 50) + " " + percentile(latencies, 99);
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
