package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.testkit.Eventually;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A listener with few connections to spare (a small {@code ulimit -n}) and more clients than that
 * sending their headers a line at a time, or their bodies a byte at a time: near the cap a request
 * gets a second to arrive, so the slow clients
 * are the ones closed and a health check gets a place within seconds, not after
 * {@code server.read_timeout}. Real sockets against a listener wired as the relay wires its own,
 * with the cap given rather than taken from the process's limit.
 */
class ShortOfConnectionsTest {

    private static final int CAP = 40;
    private static final int SLOWLORIS = CAP + 20;
    /** Long enough that, if it were the only deadline, the health check below would time out. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final int HEALTH_WITHIN_MILLIS = 6_000;

    @Test
    void nearTheCapSlowHeadersAreDroppedAndHealthGetsAPlaceWithinSeconds() throws Exception {
        healthGetsAPlaceAmong("GET /healthz HTTP/1.1\r\nHost: a\r\n", "X-Slow: 1\r\n");
    }

    @Test
    void nearTheCapSlowBodiesAreDroppedAndHealthGetsAPlaceWithinSeconds() throws Exception {
        healthGetsAPlaceAmong("POST /webhooks/chat-data HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n{", " ");
    }

    /** {@link #SLOWLORIS} clients send {@code start}, then {@code more} every 300 ms, for as long as they may. */
    private static void healthGetsAPlaceAmong(String start, String more) throws Exception {
        List<Socket> slow = new CopyOnWriteArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (RelayMetrics metrics = new RelayMetrics(); Listener listener = new Listener(metrics)) {
            for (int i = 0; i < SLOWLORIS; i++) {
                Socket socket = new Socket("127.0.0.1", listener.port());
                socket.getOutputStream().write(ascii(start));
                slow.add(socket);
            }
            trickle.scheduleAtFixedRate(() -> slow.forEach(socket -> send(socket, more)), 0, 300, TimeUnit.MILLISECONDS);

            long started = System.nanoTime();
            int status = health(listener.port());
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(status).as("health answered within %dms", HEALTH_WITHIN_MILLIS).isEqualTo(200);
            assertThat(tookMillis).isLessThan(HEALTH_WITHIN_MILLIS);
            // at least as many as waited beyond the cap: without the shrink none would go before READ_TIMEOUT
            Set<Socket> closed = new HashSet<>();
            Eventually.holds("the slow ones are the ones closed", Duration.ofSeconds(10), () -> {
                slow.stream().filter(socket -> !closed.contains(socket)).filter(ShortOfConnectionsTest::closedByServer)
                        .forEach(closed::add);
                return closed.size() >= SLOWLORIS - CAP;
            });
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void saysAtStartWhatTheCapIsAndWhy() {
        String line = ConnectionLimit.describe(1024, 0.75, ConnectionLimit.of(1024, 0.75));

        assertThat(line).startsWith("at most 576 connections on this listener: 75% of the 1024 open files")
                .contains("less 256 kept for the store and sends, within 16 to 10000").contains("from 432 on, idle and header timeouts shrink to 1s")
                .contains("raise ulimit -n");
    }

    private static void send(Socket socket, String more) {
        try {
            socket.getOutputStream().write(ascii(more));
        } catch (IOException closed) {
            // the relay closed it: what it should do
        }
    }

    /** True when the server has closed (or answered and closed) the connection. */
    private static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(50);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            while (true) {
                if (in.read(buffer) == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static int health(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(HEALTH_WITHIN_MILLIS);
            socket.getOutputStream().write(ascii("GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
        } catch (SocketTimeoutException late) {
            return -1;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A listener wired as the relay's: body reader, connection cap, header deadline; {@code /healthz}. */
    private static final class Listener implements AutoCloseable {

        final Javalin app;

        Listener(RelayMetrics metrics) {
            app = Javalin.create(javalin -> {
                javalin.startup.showJavalinBanner = false;
                javalin.jetty.modifyServer(jetty -> {
                    jetty.insertHandler(new RequestReader(READ_TIMEOUT, 1_048_576, metrics, BodyBudget.ofHeap(1_048_576)));
                    ConnectionLimit.apply(jetty, CAP, READ_TIMEOUT, metrics);
                });
                javalin.routes.get("/healthz", ctx -> ctx.json(java.util.Map.of("status", "ok")));
                javalin.routes.post("/webhooks/chat-data", ctx -> ctx.status(401));
            }).start("127.0.0.1", 0);
        }

        int port() {
            return app.port();
        }

        @Override
        public void close() {
            app.stop();
        }
    }
}
