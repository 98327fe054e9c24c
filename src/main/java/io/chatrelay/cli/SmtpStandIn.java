package io.chatrelay.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The demo's mail server: just enough SMTP (no TLS, no AUTH) to take a message from the relay on
 * the loopback interface and hand it over whole. Not for anything but {@code demo}.
 */
final class SmtpStandIn implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread acceptor;

    SmtpStandIn(Consumer<byte[]> received) {
        try {
            this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout(10_000);
                    session(client, received);
                } catch (IOException closedOrGone) {
                    // the demo is over, or the client went away: wait for the next one
                }
            }
        }, "demo-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private static void session(Socket client, Consumer<byte[]> received) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        reply(out, "220 demo-smtp ESMTP stand-in");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO", "HELO" -> reply(out, "250 demo-smtp");
                case "DATA" -> {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    ByteArrayOutputStream message = new ByteArrayOutputStream();
                    for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                        message.writeBytes((data.startsWith("..") ? data.substring(1) : data).getBytes(StandardCharsets.UTF_8));
                        message.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
                    }
                    received.accept(message.toByteArray());
                    reply(out, "250 2.0.0 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 OK"); // MAIL, RCPT, RSET, NOOP
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
