package io.chatrelay.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests written as bytes on a socket, for what no HTTP client sends: a lower-case method, two
 * {@code Host} headers, a length that is a lie. Sends one and reads its answer, or floods a relay
 * with thousands over a few kept-alive, pipelined connections.
 */
public final class RawHttp {

    private static final byte[] STATUS_LINE = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
    private static final int SOCKETS = 8;
    private static final int PIPELINED = 250;

    /** A status and the whole answer as text (headers and body). */
    public record Answer(int status, String text) {
        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    private RawHttp() {}

    /** Sends {@code request}, asks for the connection to be closed after it, and reads the answer. */
    public static Answer exchange(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code request} {@code count} times over parallel connections, pipelined up to
     * {@value #PIPELINED} on a connection ({@code oneEach}: one per connection, for requests the
     * server answers by closing it), and returns how many were answered. With {@code oneEach} a
     * connection the server closed counts as answered even when its answer did not arrive: a server
     * that closes with request bytes still unread resets the connection, and the reset can discard
     * an answer the client had not read yet. Each kind's answer itself is checked one at a time.
     */
    public static int flood(int port, String request, int count, boolean oneEach) throws Exception {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService sockets = Executors.newFixedThreadPool(SOCKETS);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int i = 0; i < SOCKETS; i++) {
                answered.add(sockets.submit(() -> sendWhileLeft(port, bytes, left, oneEach ? 1 : PIPELINED)));
            }
            int total = 0;
            for (Future<Integer> each : answered) {
                total += each.get();
            }
            return total;
        } finally {
            sockets.shutdownNow();
        }
    }

    private static int sendWhileLeft(int port, byte[] request, AtomicInteger left, int batch) throws IOException {
        int answered = 0;
        while (true) {
            int take = take(left, batch);
            if (take == 0) {
                return answered;
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                // a hang guard: a loaded machine has taken over 10 s to answer a batch of 250
                socket.setSoTimeout(30_000);
                byte[] all = new byte[request.length * take];
                for (int i = 0; i < take; i++) {
                    System.arraycopy(request, 0, all, i * request.length, request.length);
                }
                socket.getOutputStream().write(all);
                InputStream in = socket.getInputStream();
                answered += batch == 1 ? answeredOrClosed(in) : countAnswers(in, take);
            }
        }
    }

    private static int take(AtomicInteger left, int batch) {
        while (true) {
            int now = left.get();
            int take = Math.min(now, batch);
            if (left.compareAndSet(now, now - take)) {
                return take;
            }
        }
    }

    /** 1 when a status line came or the server closed or reset the connection; a hang still times out. */
    private static int answeredOrClosed(InputStream in) throws IOException {
        try {
            countAnswers(in, 1);
            return 1;
        } catch (SocketTimeoutException hang) {
            throw hang;
        } catch (SocketException reset) {
            return 1;
        }
    }

    /** Reads until {@code expected} status lines have come, or the server closes the connection. */
    private static int countAnswers(InputStream in, int expected) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int seen = 0;
        int matched = 0;
        int read;
        while (seen < expected && (read = in.read(buffer)) != -1) {
            for (int i = 0; i < read; i++) {
                matched = buffer[i] == STATUS_LINE[matched] ? matched + 1 : (buffer[i] == STATUS_LINE[0] ? 1 : 0);
                if (matched == STATUS_LINE.length) {
                    seen++;
                    matched = 0;
                }
            }
        }
        return seen;
    }
}
