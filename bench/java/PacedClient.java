import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts one signed event at a steady rate, the way Chat Data's traffic arrives, for measuring
 * end-to-end latency at a given load. Usage: PacedClient URL BODY_FILE SIGNATURE RATE SECONDS
 */
public final class PacedClient {

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        String signature = args[2];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        HttpClient client = HttpClient.newHttpClient();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(4);
        long periodMicros = 1_000_000L / rate;
        int total = rate * seconds;
        AtomicInteger sent = new AtomicInteger();
        timer.scheduleAtFixedRate(() -> {
            if (sent.incrementAndGet() > total) {
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(url).header("x-chat-data-hmac-sha256", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
                (response.statusCode() == 200 ? ok : failed).incrementAndGet();
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 10);
        while (ok.get() + failed.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        timer.shutdownNow();
        System.out.println(ok.get() + " " + failed.get());
    }
}
