package io.chatrelay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer playing a destination: answers scripted responses in order, then a default one
 * for every further request, and records every request it got.
 */
public final class Sink implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final Deque<MockResponse> script = new ArrayDeque<>();
    private volatile MockResponse fallback;
    private final java.util.List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.BlockingQueue<RecordedRequest> received =
            new java.util.concurrent.LinkedBlockingQueue<>();

    private Sink(MockResponse fallback) {
        this.fallback = fallback;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                arrivals.add(System.nanoTime());
                received.add(request);
                synchronized (script) {
                    MockResponse next = script.poll();
                    return next != null ? next : Sink.this.fallback;
                }
            }
        });
        try {
            server.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers 200 "ok" like a Slack incoming webhook. */
    public static Sink ok() {
        return new Sink(status(200, "ok"));
    }

    public static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    public Sink then(MockResponse response) {
        synchronized (script) {
            script.add(response);
        }
        return this;
    }

    public void alwaysAnswer(MockResponse response) {
        this.fallback = response;
    }

    public String url(String path) {
        return server.url(path).toString();
    }

    public RecordedRequest take() {
        return take(Duration.ofSeconds(10));
    }

    public RecordedRequest take(Duration within) {
        try {
            RecordedRequest request = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (request == null) {
                throw new AssertionError("no request arrived within " + within);
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Null when nothing arrives within the time: for asserting that nothing was sent. */
    public RecordedRequest poll(Duration within) {
        try {
            return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@link System#nanoTime()} of each request's arrival, in order; complete for every request {@link #take} returned. */
    public java.util.List<Long> arrivalNanos() {
        return java.util.List.copyOf(arrivals);
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    @Override
    public void close() {
        server.close();
    }
}
