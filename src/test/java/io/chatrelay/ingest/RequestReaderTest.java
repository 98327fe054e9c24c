package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.testkit.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RequestReader} alone in a real Jetty server: what the application behind it gets, and when. */
class RequestReaderTest {

    private final RelayMetrics metrics = new RelayMetrics();
    private final BodyBudget budget = new BodyBudget(100);
    private Server server;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        RequestReader reader = new RequestReader(Duration.ofMillis(500), 64, metrics, budget);
        reader.setHandler(new Handler.Abstract() { // echoes the body it reads
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                response.write(true, ByteBuffer.wrap(("got " + body).getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.setHandler(reader);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        metrics.close();
    }

    @Test
    void theApplicationGetsTheWholeBody() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request("Content-Length: 7\r\n\r\n{\"a\":1}"));

            assertThat(answer(socket)).startsWith("HTTP/1.1 200").endsWith("got {\"a\":1}");
        }
    }

    @Test
    void headersCompletedAfterTheReadTimeoutGet408() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /x HTTP/1.1\r\nHost: relay\r\n".getBytes(StandardCharsets.US_ASCII));
            long began = System.nanoTime();
            Eventually.holds("the read timeout passes", Duration.ofSeconds(5),
                    () -> System.nanoTime() - began > Duration.ofMillis(1_000).toNanos());
            out.write("Content-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));

            assertThat(answer(socket)).startsWith("HTTP/1.1 408")
                    .endsWith("{\"error\":\"request not received within 500ms\"}");
        }
        assertThat(metrics.scrape()).contains("chatrelay_requests_rejected_total{reason=\"timeout\"} 1.0");
    }

    @Test
    void aChunkedBodyOverTheLimitGets413WhileArriving() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request("Transfer-Encoding: chunked\r\n\r\n50\r\n" + "x".repeat(80) + "\r\n"));

            assertThat(answer(socket)).startsWith("HTTP/1.1 413").endsWith("{\"error\":\"body is larger than 64 bytes\"}");
        }
    }

    @Test
    void bodiesBeyondTheSharedBudgetGet503AndItsBytesComeBackOnceAnswered() throws Exception {
        try (Socket holding = connect(); Socket next = connect()) {
            holding.getOutputStream().write(request("Content-Length: 64\r\n\r\n" + "x".repeat(60)));
            Eventually.holds("the first body's bytes are held", Duration.ofSeconds(5), () -> budget.held() == 60);

            next.getOutputStream().write(request("Content-Length: 64\r\n\r\n" + "y".repeat(64)));
            assertThat(answer(next)).startsWith("HTTP/1.1 503").contains("Retry-After: 1")
                    .endsWith("{\"error\":\"too many request bodies in memory, retry later\"}");

            holding.getOutputStream().write("xxxx".getBytes(StandardCharsets.US_ASCII));
            assertThat(answer(holding)).startsWith("HTTP/1.1 200").endsWith("got " + "x".repeat(64));
        }
        Eventually.holds("every byte is given back", Duration.ofSeconds(5), () -> budget.held() == 0);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request("Content-Length: 64\r\n\r\n" + "z".repeat(64)));
            assertThat(answer(socket)).startsWith("HTTP/1.1 200");
        }
        assertThat(metrics.scrape()).contains("chatrelay_requests_rejected_total{reason=\"overloaded\"} 1.0");
    }

    @Test
    void transferCodingsOtherThanChunkedGet501AndTheBodyIsNeverRead() throws Exception {
        for (String codings : new String[] {"gzip, chunked", "identity, chunked", "x-custom, chunked"}) {
            try (Socket socket = connect()) {
                socket.getOutputStream().write(request("Transfer-Encoding: " + codings + "\r\n\r\n2\r\n{}\r\n0\r\n\r\n"));

                assertThat(answer(socket)).as(codings).startsWith("HTTP/1.1 501").contains("Connection: close")
                        .endsWith("{\"error\":\"the only transfer coding accepted is chunked\"}");
            }
        }
        try (Socket socket = connect()) { // the same codings over two header lines
            socket.getOutputStream().write(request("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "2\r\n{}\r\n0\r\n\r\n"));

            assertThat(answer(socket)).startsWith("HTTP/1.1 501");
        }
        assertThat(metrics.scrape()).contains("chatrelay_requests_rejected_total{reason=\"framing\"} 4.0");
    }

    @Test
    void aContentCodingGets415AndTheBodyIsNeverRead() throws Exception {
        for (String coding : new String[] {"gzip", "deflate", "identity, gzip"}) {
            try (Socket socket = connect()) {
                socket.getOutputStream().write(request("Content-Encoding: " + coding + "\r\nContent-Length: 2\r\n\r\n{}"));

                assertThat(answer(socket)).as(coding).startsWith("HTTP/1.1 415")
                        .endsWith("{\"error\":\"content codings are not accepted: send the body as it is\"}");
            }
        }
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request("Content-Encoding: identity\r\nContent-Length: 2\r\n\r\n{}"));

            assertThat(answer(socket)).startsWith("HTTP/1.1 200").endsWith("got {}");
        }
    }

    @Test
    void transferEncodingOnHttp10Gets400() throws Exception {
        for (String method : new String[] {"POST", "GET"}) {
            try (Socket socket = connect()) {
                socket.getOutputStream().write((method + " /x HTTP/1.0\r\nHost: relay\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

                assertThat(answer(socket)).as(method).matches("HTTP/1\\.[01] 400 (?s).*")
                        .endsWith("{\"error\":\"Transfer-Encoding is not allowed in HTTP/1.0\"}");
            }
        }
    }

    @Test
    void chunkedAloneIsStillRead() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request("Transfer-Encoding: Chunked\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n"));

            assertThat(answer(socket)).startsWith("HTTP/1.1 200").endsWith("got {\"a\":1}");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", ((ServerConnector) server.getConnectors()[0]).getLocalPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] request(String rest) {
        return ("POST /x HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n" + rest).getBytes(StandardCharsets.US_ASCII);
    }

    private static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
