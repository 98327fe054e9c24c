package io.chatrelay.deliver;

import io.chatrelay.platform.Answer;
import io.chatrelay.platform.OutboundRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Sends requests with one shared OkHttp client (one connection pool); knows nothing about platforms.
 *
 * <p>OkHttp's own {@code retryOnConnectionFailure} stays off: it would also send a request again,
 * unseen and uncounted, after failures where the receiver may have taken it (a connection broken
 * mid-answer, another of the host's addresses), and the relay's attempts and backoff own those.
 * The one failure retried here is the one that reached nobody: a request on a pooled connection
 * that the receiver had closed while it sat idle (Node closes idle connections after 5 s, proxies
 * after 1-5 s; OkHttp only probes a connection idle for 10 s or more). It fails before any answer,
 * and goes again at once on a new connection, which no receiver can have closed yet.
 */
final class HttpSender implements Sender {

    /**
     * How much of an answer is read: enough for any platform's answer whole. A Discord message object
     * echoes up to 8,000 characters of content and embeds, several bytes each, before its id, which
     * an escalation's edit needs; the attempt's story keeps only its start.
     */
    static final int EXCERPT_BYTES = 65_536;
    /**
     * Idle connections kept for reuse. OkHttp's default of 5 is fewer than one destination's sends
     * at once (8), so every busy spell closed and reopened connections; idle ones close after 5 minutes.
     */
    private static final int IDLE_CONNECTIONS = 64;

    private final OkHttpClient client;
    /** Never reuses a connection: for the one retry of a send that found its pooled connection closed. */
    private final ConnectionPool noReuse = new ConnectionPool(0, 1, TimeUnit.SECONDS);
    /** One client per timeout, all sharing the connection pool and dispatcher: connections are reused. */
    private final java.util.concurrent.ConcurrentHashMap<Duration, OkHttpClient> byTimeout =
            new java.util.concurrent.ConcurrentHashMap<>();

    HttpSender(Duration defaultTimeout) {
        this.client = new OkHttpClient.Builder()
                .callTimeout(defaultTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .connectTimeout(Math.min(defaultTimeout.toMillis(), 5_000), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                .eventListener(ConnectionUse.LISTENER)
                .build();
    }

    @Override
    public SendResult send(OutboundRequest outbound, Duration timeout) throws IOException {
        MediaType type = MediaType.get(outbound.headers().getOrDefault("Content-Type", "application/json"));
        Request.Builder request = new Request.Builder()
                .url(outbound.url().toString())
                .method(outbound.method(), RequestBody.create(outbound.body(), type))
                .header("User-Agent", "chat-data-relay");
        outbound.headers().forEach(request::header);
        OkHttpClient call = byTimeout.computeIfAbsent(timeout,
                t -> client.newBuilder().callTimeout(t.toMillis(), TimeUnit.MILLISECONDS).build());
        ConnectionUse use = new ConnectionUse();
        Request built = request.tag(ConnectionUse.class, use).build();
        long start = System.nanoTime();
        try {
            return execute(call, built, start);
        } catch (IOException e) {
            if (!use.closedWhileIdle(e)) {
                throw e;
            }
            return execute(call.newBuilder().connectionPool(noReuse).build(), built, start);
        }
    }

    private static SendResult execute(OkHttpClient client, Request request, long start) throws IOException {
        try (Response response = client.newCall(request).execute()) {
            Map<String, String> headers = new HashMap<>();
            response.headers().forEach(pair -> headers.put(pair.getFirst().toLowerCase(Locale.ROOT), pair.getSecond()));
            return new SendResult(new Answer(response.code(), headers, excerpt(response.body())),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static String excerpt(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        source.request(EXCERPT_BYTES);
        long available = Math.min(source.getBuffer().size(), EXCERPT_BYTES);
        return source.getBuffer().readString(available, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        noReuse.evictAll();
    }
}
