import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts one signed event at a steady rate, the way Chat Data's traffic arrives, for measuring
 * end-to-end latency and a sustained load. Each of its keep-alive connections (one per 100
 * events/s, at most 32) sends on its own fixed schedule; a send that falls behind its schedule goes
 * out at once, so the rate reached says what the relay took. Up to 3200 events/s each connection has
 * 10 ms per request, so the relay's acknowledgement time (3-5 ms under load) does not cap the
 * rate: Chat Data sends its events as independent requests. Requests are written as prepared bytes
 * on plain sockets: the client must cost far less CPU than the relay it loads on the same cores.
 * Prints: ok failed rate-reached. Usage: PacedClient URL BODY_FILE SIGNATURE RATE SECONDS
 */
public final class PacedClient {

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        byte[] request = request(url, body, args[2]);
        int connections = Math.max(1, Math.min(32, rate / 100));
        long total = (long) rate * seconds;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long share = total / connections + (c < total % connections ? 1 : 0);
            long period = TimeUnit.SECONDS.toNanos(1) * connections / rate;
            long first = start + period * c / connections; // connections interleave evenly
            Thread sender = new Thread(() -> send(url, request, share, first, period, ok, failed));
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d %d %.0f%n", ok.get(), failed.get(), (ok.get() + failed.get()) / took);
    }

    private static void send(URI url, byte[] request, long count, long first, long period, AtomicInteger ok,
                             AtomicInteger failed) {
        Socket socket = null;
        InputStream in = null;
        for (long i = 0; i < count; i++) {
            long due = first + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
                    socket.setSoTimeout(30_000);
                    in = new BufferedInputStream(socket.getInputStream());
                }
                socket.getOutputStream().write(request);
                (status(in) == 200 ? ok : failed).incrementAndGet();
            } catch (IOException e) {
                failed.incrementAndGet();
                close(socket);
                socket = null;
            }
        }
        close(socket);
    }

    private static byte[] request(URI url, byte[] body, String signature) {
        String head = "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nx-chat-data-hmac-sha256: " + signature
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** Reads one answer (status line, headers, a Content-Length body) and returns its status. */
    private static int status(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        if (in.readNBytes(length).length < length) {
            throw new IOException("connection closed in an answer");
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void close(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
