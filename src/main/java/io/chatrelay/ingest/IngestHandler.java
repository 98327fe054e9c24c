package io.chatrelay.ingest;

import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.Ids;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.event.RawEvent;
import io.chatrelay.route.RoutingTable;
import io.chatrelay.route.Target;
import io.chatrelay.store.Outbox;
import io.chatrelay.store.StoreUnavailableException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST {server.path}}: size limit, signature, parse, route, commit, answer. The signature is
 * checked on the raw bytes before anything parses them; nothing is answered 200 before the event
 * and its deliveries are in the outbox.
 */
public final class IngestHandler implements Handler {

    public static final String TOPIC_HEADER = "x-chat-data-topic";
    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

    private final long maxBodyBytes;
    private final SignatureVerifier verifier;
    private final RoutingTable routes;
    private final Outbox outbox;
    private final Runnable onEnqueued;
    private final Clock clock;
    private final BooleanSupplier accepting;

    public IngestHandler(long maxBodyBytes, SignatureVerifier verifier, RoutingTable routes, Outbox outbox,
                         Runnable onEnqueued, Clock clock, BooleanSupplier accepting) {
        this.maxBodyBytes = maxBodyBytes;
        this.verifier = verifier;
        this.routes = routes;
        this.outbox = outbox;
        this.onEnqueued = onEnqueued;
        this.clock = clock;
        this.accepting = accepting;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        if (!accepting.getAsBoolean()) {
            reject(ctx, 503, "shutting down, retry later");
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            reject(ctx, 413, "body is larger than " + maxBodyBytes + " bytes");
            return;
        }
        String signature = ctx.header(SignatureVerifier.HEADER);
        if (SignatureVerifier.decode(signature) == null) {
            reject(ctx, 401, signature == null ? "missing signature" : "malformed signature");
            return;
        }
        byte[] body = readAtMost(ctx.req().getInputStream(), maxBodyBytes);
        if (body == null) {
            reject(ctx, 413, "body is larger than " + maxBodyBytes + " bytes");
            return;
        }
        if (!verifier.verify(body, signature)) {
            reject(ctx, 401, "signature does not match");
            return;
        }
        ChatDataEvent event;
        try {
            event = EventParser.parse(body, ctx.header(TOPIC_HEADER));
        } catch (MalformedEventException e) {
            reject(ctx, 400, e.getMessage());
            return;
        }
        accept(ctx, event, body);
    }

    private void accept(Context ctx, ChatDataEvent event, byte[] body) {
        List<Target> targets = routes.match(event);
        RawEvent raw = new RawEvent(Ids.newId(clock), event.type(), event.conversationId(), body, clock.instant());
        if (!accepting.getAsBoolean()) {
            reject(ctx, 503, "shutting down, retry later");
            return;
        }
        try {
            outbox.enqueue(raw, targets);
        } catch (StoreUnavailableException e) {
            LOG.error("store unavailable, answered 503 for a {} event: {}", event.type(), e.getMessage());
            reject(ctx, 503, "store unavailable, retry later");
            return;
        }
        if (!targets.isEmpty()) {
            onEnqueued.run();
        }
        LOG.info("accepted event={} type={} deliveries={}{}", raw.id(), raw.type(), targets.size(),
                targets.isEmpty() ? " (no route matched)" : "");
        ctx.status(200).json(Map.of("id", raw.id(), "event", raw.type(), "deliveries", targets.size()));
    }

    /** The whole stream, or null as soon as it proves longer than {@code limit}. */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8_192);
        byte[] buffer = new byte[8_192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    static void reject(Context ctx, int status, String reason) {
        ctx.status(status).json(Map.of("error", reason));
    }
}
