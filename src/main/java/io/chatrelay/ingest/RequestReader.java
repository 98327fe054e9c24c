package io.chatrelay.ingest;

import io.chatrelay.metrics.RelayMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each request's whole body before the application sees it, without holding a thread while
 * the bytes arrive, and within one deadline for headers and body together ({@code server.read_timeout},
 * counted from the request's first byte). A client that trickles its body therefore costs a
 * connection and the bytes it sent, never a thread: it cannot starve signed events or health
 * checks, and it gets {@code 408} when the deadline passes, however often it sends a byte. A body
 * over the limit gets {@code 413} as soon as it proves larger, or at once when its declared length is; a client that hangs up mid-body is
 * counted as {@code aborted} and logged at DEBUG, since it is the client's doing. The bodies being
 * read and handled share one {@link BodyBudget}: a body that would go over it gets {@code 503}
 * (counted as {@code overloaded}) instead of filling the heap. A body framed in a way the relay
 * does not read ({@code Transfer-Encoding} other than {@code chunked}, or on HTTP/1.0) is refused
 * before a byte of it is read (counted as {@code framing}).
 *
 * <p>Sits in front of Javalin's servlet as a Jetty handler: the application then reads the body from
 * memory with its ordinary blocking calls, which no longer block.
 */
public final class RequestReader extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(RequestReader.class);

    private final Duration readTimeout;
    private final long maxBodyBytes;
    private final RelayMetrics metrics;
    private final BodyBudget budget;
    private final Refusals refusals;

    public RequestReader(Duration readTimeout, long maxBodyBytes, RelayMetrics metrics, BodyBudget budget) {
        this(readTimeout, maxBodyBytes, metrics, budget, new Refusals(Clock.systemUTC()));
    }

    /** {@code refusals}: where the requests it refuses are kept and logged. */
    public RequestReader(Duration readTimeout, long maxBodyBytes, RelayMetrics metrics, BodyBudget budget,
                         Refusals refusals) {
        this.refusals = refusals;
        this.readTimeout = readTimeout;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.budget = budget;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler next = getHandler();
        if (next == null) {
            return false;
        }
        if (refusedFraming(request, response, callback)) {
            return true;
        }
        long left = readTimeout.toNanos() - NanoTime.since(request.getBeginNanoTime());
        if (left <= 0) { // the headers alone took longer than the deadline
            timedOut(request, response, callback);
            return true;
        }
        long declared = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING, HttpHeaderValue.CHUNKED.asString());
        if (declared > maxBodyBytes) { // refused from its declared length, whatever the route
            tooLarge(request, response, callback);
            return true;
        }
        if (declared == 0 || (declared < 0 && !chunked)) {
            return next.handle(request, response, callback); // nothing to read
        }
        new Loading(next, request, response, callback, declared).start(left);
        return true;
    }

    /**
     * RFC 9112's rules for {@code Transfer-Encoding}, which Jetty's parser leaves to the server: on
     * HTTP/1.0 it cannot be trusted at all (400); a coding other than {@code chunked} ({@code gzip,
     * chunked}, {@code identity, chunked}) is one the relay does not decode, so it gets 501 rather
     * than its still-encoded bytes taken for the body. Likewise a {@code Content-Encoding} other than
     * {@code identity} (415): nothing in the relay decodes one. True when the request was answered.
     */
    private boolean refusedFraming(Request request, Response response, Callback callback) {
        List<String> content = request.getHeaders().getCSV(HttpHeader.CONTENT_ENCODING, false);
        if (content.stream().anyMatch(coding -> !HttpHeaderValue.IDENTITY.is(coding))) {
            refuseFraming(request, response, callback, 415, "content codings are not accepted: send the body as it is");
            return true;
        }
        List<String> codings = request.getHeaders().getCSV(HttpHeader.TRANSFER_ENCODING, false);
        if (codings.isEmpty()) {
            return false;
        }
        if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_1_0) {
            refuseFraming(request, response, callback, 400, "Transfer-Encoding is not allowed in HTTP/1.0");
            return true;
        }
        long chunked = codings.stream().filter(HttpHeaderValue.CHUNKED::is).count();
        if (chunked != codings.size()) {
            refuseFraming(request, response, callback, 501, "the only transfer coding accepted is chunked");
            return true;
        }
        if (chunked > 1) {
            refuseFraming(request, response, callback, 400, "chunked is applied more than once");
            return true;
        }
        return false;
    }

    private void refuseFraming(Request request, Response response, Callback callback, int status, String reason) {
        refuse(request, "framing", status, reason);
        answer(response, callback, status, reason);
    }

    private void timedOut(Request request, Response response, Callback callback) {
        String reason = "request not received within " + readTimeout.toMillis() + "ms";
        refuse(request, "timeout", 408, reason);
        answer(response, callback, 408, reason);
    }

    private void tooLarge(Request request, Response response, Callback callback) {
        String reason = "body is larger than " + maxBodyBytes + " bytes";
        refuse(request, "size", 413, reason);
        answer(response, callback, 413, reason);
    }

    private void overloaded(Request request, Response response, Callback callback) {
        String reason = "too many request bodies in memory, retry later";
        refuse(request, "overloaded", 503, reason);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        answer(response, callback, 503, reason);
    }

    /** Counts, keeps and logs a refused request: its address, declared size and topic, nothing of its body. */
    private void refuse(Request request, String reason, int status, String why) {
        metrics.requestRejected(reason);
        long length = request.getLength();
        refusals.refused(reason, status, Request.getRemoteAddr(request),
                length < 0 ? OptionalLong.empty() : OptionalLong.of(length),
                request.getHeaders().get(IngestHandler.TOPIC_HEADER), why);
    }

    /** Answers and closes the connection: the rest of the body is never read. */
    private static void answer(Response response, Callback callback, int status, String reason) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        byte[] body = ("{\"error\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** One request's body on its way in: read whenever bytes arrive, until the last or the deadline. */
    private final class Loading implements Runnable {

        private final Handler next;
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body;
        private final AtomicBoolean finished = new AtomicBoolean();
        /** Bytes taken from the budget; given back once the request is answered, whatever the answer. */
        private long taken;
        private boolean released;
        private volatile Scheduler.Task deadline;

        Loading(Handler next, Request request, Response response, Callback callback, long declared) {
            this.next = next;
            this.request = request;
            this.response = response;
            this.callback = Callback.from(callback, this::release);
            this.body = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 256), 64 * 1024));
        }

        void start(long leftNanos) {
            deadline = request.getComponents().getScheduler().schedule(this::expire, leftNanos, TimeUnit.NANOSECONDS);
            run();
        }

        /** Reads what has arrived; asks to be called again when more does. */
        @Override
        public void run() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    failed(chunk.getFailure());
                    return;
                }
                boolean last = chunk.isLast();
                int size = chunk.remaining();
                boolean tooLarge = body.size() + (long) size > maxBodyBytes;
                if (!tooLarge && !hold(size)) {
                    chunk.release();
                    finish(() -> overloaded(request, response, callback));
                    return;
                }
                if (!tooLarge) {
                    ByteBuffer bytes = chunk.getByteBuffer();
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    body.write(copy, 0, copy.length);
                }
                chunk.release();
                if (tooLarge) {
                    finish(() -> tooLarge(request, response, callback));
                    return;
                }
                if (last) {
                    finish(this::handleNext);
                    return;
                }
            }
        }

        /** Takes {@code size} more bytes from the budget, unless they do not fit or the request is answered. */
        private synchronized boolean hold(int size) {
            if (released || !budget.take(size)) {
                return false;
            }
            taken += size;
            return true;
        }

        private synchronized void release() {
            released = true;
            budget.give(taken);
            taken = 0;
        }

        private void handleNext() {
            Request whole = new WholeBody(request, body.toByteArray());
            try {
                if (!next.handle(whole, response, callback)) {
                    Response.writeError(whole, response, callback, 404);
                }
            } catch (Throwable t) {
                Response.writeError(whole, response, callback, t);
            }
        }

        private void expire() {
            finish(() -> timedOut(request, response, callback));
        }

        private void failed(Throwable failure) {
            if (failure instanceof TimeoutException) { // Jetty's idle timeout: nothing arrived for a while
                expire();
                return;
            }
            finish(() -> {
                metrics.requestRejected("aborted");
                LOG.debug("client hung up after {} bytes of its body: {}", body.size(), failure.getClass().getSimpleName());
                callback.failed(failure);
            });
        }

        /** Runs {@code outcome} once: the body completes, fails or runs out of time, whichever is first. */
        private void finish(Runnable outcome) {
            if (finished.compareAndSet(false, true)) {
                Scheduler.Task task = deadline;
                if (task != null) {
                    task.cancel();
                }
                outcome.run();
            }
        }
    }

    /** The request with its body already in memory: reads return it at once, then the end. */
    private static final class WholeBody extends Request.Wrapper {

        private Content.Chunk remaining;

        WholeBody(Request wrapped, byte[] body) {
            super(wrapped);
            this.remaining = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk chunk = remaining;
            remaining = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // a read never has to wait
        }

        @Override
        public boolean consumeAvailable() {
            synchronized (this) {
                remaining = Content.Chunk.EOF;
            }
            return super.consumeAvailable();
        }
    }
}
