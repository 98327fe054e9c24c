import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The yardstick: a bare Javalin endpoint that only verifies the HMAC and parses the JSON, like the
 * vendor's example endpoint. Usage: BareEndpoint PORT SECRET [FORWARD_URL [JOURNAL_FILE]]
 *
 * <p>With FORWARD_URL it is the floor of any relay: it also sends each verified event on to that
 * URL with OkHttp, 8 at a time as the relay does per destination, after answering 200. No store,
 * no retry, nothing durable: what receiving and sending alone cost.
 *
 * <p>With JOURNAL_FILE as well it is the floor of a durable relay: what such a relay must physically
 * do per event. Each verified body is appended to that file by one writer thread, which syncs the
 * file once for all the bodies that queued while it wrote the last group (a group commit), and the
 * request is answered 200 only once its body is synced. Nothing else is stored: no index, no claim,
 * no outcome, no history.
 */
public final class BareEndpoint {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        SecretKeySpec key = new SecretKeySpec(args[1].getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        ObjectMapper json = new ObjectMapper();
        ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Forward forward = args.length > 2 ? new Forward(args[2]) : null;
        Journal journal = args.length > 3 ? new Journal(Path.of(args[3])) : null;
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/webhooks/chat-data", ctx -> {
                byte[] body = ctx.bodyAsBytes();
                String signature = ctx.header("x-chat-data-hmac-sha256");
                byte[] expected = macs.get().doFinal(body);
                if (signature == null || !MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature))) {
                    ctx.status(401).result("{\"error\":\"signature\"}");
                    return;
                }
                JsonNode event = json.readTree(body);
                if (journal != null) {
                    journal.append(body);
                }
                ctx.status(200).contentType("application/json").result("{\"event\":\"" + event.path("event").asText() + "\"}");
                if (forward != null) {
                    forward.send(body);
                }
            });
        }).start("127.0.0.1", port);
    }

    /** Sends bodies on, 8 at a time; a failed send is counted on standard error, never retried. */
    private static final class Forward {
        private static final MediaType JSON = MediaType.get("application/json");
        private final OkHttpClient client = new OkHttpClient();
        private final ExecutorService senders = Executors.newFixedThreadPool(8);
        private final String url;

        Forward(String url) {
            this.url = url;
        }

        void send(byte[] body) {
            senders.execute(() -> {
                Request request = new Request.Builder().url(url)
                        .post(RequestBody.create(body, JSON)).build();
                try (Response response = client.newCall(request).execute()) {
                    if (!response.isSuccessful()) {
                        System.err.println("forward: " + response.code());
                    }
                } catch (IOException e) {
                    System.err.println("forward: " + e);
                }
            });
        }
    }

    /** Appends bodies to a file, one synced write per group of bodies that queued meanwhile. */
    private static final class Journal {
        private record Entry(byte[] body, CompletableFuture<Void> synced) {}

        private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
        private final FileChannel file;
        private final AtomicLong events = new AtomicLong();
        private final AtomicLong syncs = new AtomicLong();

        Journal(Path path) {
            try {
                file = FileChannel.open(path, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread writer = new Thread(this::write, "journal-writer");
            writer.setDaemon(true);
            writer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(Locale.ROOT,
                    "journal: %d events in %d syncs%n", events.get(), syncs.get())));
        }

        /** Returns once the body is on disk. */
        void append(byte[] body) throws Exception {
            Entry entry = new Entry(body, new CompletableFuture<>());
            queue.add(entry);
            entry.synced().get();
        }

        private void write() {
            List<Entry> group = new ArrayList<>();
            while (true) {
                try {
                    group.add(queue.take());
                    queue.drainTo(group);
                    ByteBuffer[] buffers = new ByteBuffer[group.size() * 2];
                    for (int i = 0; i < group.size(); i++) {
                        buffers[2 * i] = ByteBuffer.allocate(4).putInt(0, group.get(i).body().length);
                        buffers[2 * i + 1] = ByteBuffer.wrap(group.get(i).body());
                    }
                    while (buffers[buffers.length - 1].hasRemaining()) {
                        file.write(buffers);
                    }
                    file.force(false);
                    events.addAndGet(group.size());
                    syncs.incrementAndGet();
                    group.forEach(entry -> entry.synced().complete(null));
                } catch (Exception e) {
                    group.forEach(entry -> entry.synced().completeExceptionally(e));
                }
                group.clear();
            }
        }
    }
}
