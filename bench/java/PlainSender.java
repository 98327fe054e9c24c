import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The yardstick for the relay's drain: a plain sender with nothing to store or record. THREADS
 * threads (8, the relay's sends at once to one destination) share one OkHttp client built like the
 * relay's (HttpSender: a pool of 64 idle connections, 10 s call timeout, 5 s connect timeout, no
 * redirects, no retry on connection failure) and each POSTs what the relay sends a generic webhook
 * for BODY_FILE, synchronously and back to back, for SECONDS: the event's body byte for byte, with
 * the relay's headers (its topic, a time-ordered event id, the User-Agent).
 *
 * <p>Rounds of SECONDS warm it up first, until the JIT compilers took under 5 % of a round's CPU, at
 * most WARM_UP_ROUNDS. Then one measured round. Prints on one line: requests/s, latency p50 and p99
 * (in wrk's units), requests, failed (an answer other than 2xx or an I/O error), the process's CPU
 * ticks (user + system, /proc/self/stat) and its JIT compiler threads' ticks during the measured
 * round, and the warm-up rounds taken.
 * Usage: PlainSender URL BODY_FILE SECONDS [THREADS [WARM_UP_ROUNDS]]
 */
public final class PlainSender {

    private static final MediaType JSON = MediaType.get("application/json");

    public static void main(String[] args) throws Exception {
        String url = args[0];
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        long seconds = Long.parseLong(args[2]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int warmUpRounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        String topic = new ObjectMapper().readTree(body).path("event").asText("unknown");
        OkHttpClient client = new OkHttpClient.Builder()
                .callTimeout(10, TimeUnit.SECONDS)
                .connectTimeout(5, TimeUnit.SECONDS)
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                .build();
        int rounds = 0;
        while (rounds < warmUpRounds) {
            rounds++;
            long cpu = cpuTicks();
            long jit = jitTicks();
            round(client, url, body, topic, seconds, threads);
            if ((jitTicks() - jit) * 20 < cpuTicks() - cpu) {
                break;
            }
        }
        long cpu = cpuTicks();
        long jit = jitTicks();
        Round measured = round(client, url, body, topic, seconds, threads);
        cpu = cpuTicks() - cpu;
        jit = jitTicks() - jit;
        long[] latencies = measured.latencies();
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%.2f %s %s %d %d %d %d %d%n", latencies.length / measured.seconds(),
                wrkUnits(percentile(latencies, 50)), wrkUnits(percentile(latencies, 99)), latencies.length,
                measured.failed(), cpu, jit, rounds);
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private record Round(long[] latencies, long failed, double seconds) {}

    /** THREADS threads sending back to back for SECONDS; the latencies (ns) of all their requests. */
    private static Round round(OkHttpClient client, String url, byte[] body, String topic, long seconds, int threads)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong failed = new AtomicLong();
        long[][] perThread = new long[threads][];
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread sender = new Thread(() -> perThread[index] = sendUntil(client, url, body, topic, end, failed));
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        long[] latencies = Arrays.stream(perThread).flatMapToLong(Arrays::stream).toArray();
        return new Round(latencies, failed.get(), took);
    }

    private static long[] sendUntil(OkHttpClient client, String url, byte[] body, String topic, long end,
                                    AtomicLong failed) {
        long[] latencies = new long[1 << 14];
        int n = 0;
        RequestBody content = RequestBody.create(body, JSON);
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            Request request = new Request.Builder().url(url).post(content)
                    .header("User-Agent", "chat-data-relay")
                    .header("Content-Type", "application/json")
                    .header("x-chat-data-topic", topic)
                    .header("X-Relay-Event-Id", eventId().toString())
                    .build();
            try (Response response = client.newCall(request).execute()) {
                response.body().bytes();
                if (!response.isSuccessful()) {
                    failed.incrementAndGet();
                    continue;
                }
            } catch (IOException e) {
                failed.incrementAndGet();
                continue;
            }
            if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, n * 2);
            }
            latencies[n++] = System.nanoTime() - now;
        }
        return Arrays.copyOf(latencies, n);
    }

    /** A time-ordered id like the relay's: its first 48 bits the time in ms, which the sink reads. */
    private static UUID eventId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000 | (random.nextLong() & 0x0fff);
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    /** As wrk prints a latency: 338.00us, 1.38ms, 1.02s. */
    private static String wrkUnits(long nanos) {
        double micros = nanos / 1e3;
        if (micros < 1000) {
            return String.format(Locale.ROOT, "%.2fus", micros);
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, "%.2fms", micros / 1e3);
        }
        return String.format(Locale.ROOT, "%.2fs", micros / 1e6);
    }

    /** User + system time of this process, in clock ticks. */
    private static long cpuTicks() throws IOException {
        return ticks(Path.of("/proc/self/stat"));
    }

    /** User + system time of this JVM's JIT compiler threads, in clock ticks. */
    private static long jitTicks() throws IOException {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        sum += ticks(task.resolve("stat"));
                    }
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return sum;
    }

    private static long ticks(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime and stime: fields 14 and 15
    }
}
