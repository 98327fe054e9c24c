package io.chatrelay.ingest;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventFacts;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.Ids;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.event.RawEvent;
import io.chatrelay.log.LogBudget;
import io.chatrelay.log.LogSafe;
import io.chatrelay.metrics.RelayMetrics;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.MimeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST {server.path}}: size limit, signature, parse, route, commit, answer. The signature is
 * checked on the raw bytes before anything parses them; nothing is answered 200 before the event
 * and its deliveries are in the outbox. The body must be strict JSON, so UTF-8: a {@code Content-Type}
 * that names another charset is refused (415) rather than read as something it says it is not.
 */
public final class IngestHandler implements Handler {

    public static final String TOPIC_HEADER = "x-chat-data-topic";
    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

    /** What a config decides about ingest; replaced whole on reload. */
    private record Rules(long maxBodyBytes, SignatureVerifier verifier, RoutingTable routes, Duration dedupeWindow) {
        static Rules of(RelayConfig config) {
            return new Rules(config.server().maxBodyBytes(), new SignatureVerifier(config.signingSecrets()),
                    RoutingTable.of(config), config.dedupeWindow());
        }
    }

    private volatile Rules rules;
    private final Outbox outbox;
    private final Runnable onEnqueued;
    private final Clock clock;
    private final BooleanSupplier accepting;
    private final RelayMetrics metrics;
    private final IngestLoad load;
    private final LogBudget logBudget;
    private final Refusals refusals;

    /** {@code refusals}: where the requests it refuses are kept and logged. */
    public IngestHandler(RelayConfig config, Outbox outbox, Runnable onEnqueued, Clock clock,
                         BooleanSupplier accepting, RelayMetrics metrics, IngestLoad load, Refusals refusals) {
        this.refusals = refusals;
        this.rules = Rules.of(config);
        this.outbox = outbox;
        this.onEnqueued = onEnqueued;
        this.clock = clock;
        this.accepting = accepting;
        this.metrics = metrics;
        this.load = load;
        this.logBudget = new LogBudget(clock);
    }

    /** New events are checked and routed by {@code config} from now on. */
    public void reconfigure(RelayConfig config) {
        this.rules = Rules.of(config);
    }

    @Override
    public void handle(Context ctx) throws IOException {
        Rules current = rules;
        if (!accepting.getAsBoolean()) {
            reject(ctx, 503, "shutting_down", "shutting down, retry later");
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > current.maxBodyBytes()) {
            reject(ctx, 413, "size", "body is larger than " + current.maxBodyBytes() + " bytes");
            return;
        }
        String signature = ctx.header(SignatureVerifier.HEADER);
        if (SignatureVerifier.decode(signature) == null) {
            reject(ctx, 401, "signature", signature == null ? "missing signature" : "malformed signature",
                    (signature == null ? "no " + SignatureVerifier.HEADER + " header" : "a malformed signature")
                            + " (no secret tried; " + current.verifier().secrets() + " configured)");
            return;
        }
        byte[] body = readAtMost(ctx.req().getInputStream(), current.maxBodyBytes());
        if (body == null) {
            reject(ctx, 413, "size", "body is larger than " + current.maxBodyBytes() + " bytes");
            return;
        }
        if (!current.verifier().verify(body, signature)) {
            reject(ctx, 401, "signature", "signature does not match",
                    "the signature matches no signing secret (" + current.verifier().secrets()
                            + " tried; a wrong or rotated secret?)");
            return;
        }
        String charset = MimeTypes.getCharsetFromContentType(ctx.header("Content-Type"));
        if (charset != null && !charset.equals("utf-8") && !charset.equals("us-ascii")) {
            reject(ctx, 415, "json", "unsupported charset in Content-Type; send UTF-8");
            return;
        }
        String topic = ctx.header(TOPIC_HEADER);
        ChatDataEvent event;
        try {
            event = EventParser.parse(body, topic);
        } catch (MalformedEventException e) {
            reject(ctx, 400, "json", e.getMessage());
            return;
        }
        accept(ctx, event, body, current, topic);
    }

    private void accept(Context ctx, ChatDataEvent event, byte[] body, Rules current, String topic) {
        Instant accepted = clock.instant();
        RoutingTable.Routing routing = current.routes().route(event, accepted);
        List<Target> targets = routing.targets();
        RawEvent raw = new RawEvent(Ids.newId(clock), event.type(), event.conversationId(), body, accepted,
                EventFacts.of(event), routing.notes());
        if (!accepting.getAsBoolean()) {
            reject(ctx, 503, "shutting_down", "shutting down, retry later");
            return;
        }
        load.committing();
        Outbox.Enqueued enqueued;
        try {
            enqueued = enqueue(raw, targets, topic, current.dedupeWindow());
        } catch (StoreUnavailableException e) {
            logBudget.write("store unavailable", note -> LOG.error("store unavailable, answered 503 for a {} event: {}{}",
                    LogSafe.value(event.type()), LogSafe.value(e.getMessage()), note));
            reject(ctx, 503, "unavailable", "store unavailable, retry later");
            return;
        } finally {
            load.committed();
        }
        if (enqueued.duplicate()) {
            duplicate(ctx, raw, enqueued.eventId());
            return;
        }
        if (!targets.isEmpty()) {
            onEnqueued.run();
        }
        metrics.eventReceived(raw.type());
        if (targets.isEmpty()) {
            LOG.info("accepted event={} type={}: no route matched, nothing to deliver", raw.id(), LogSafe.value(raw.type()));
        } else {
            LOG.debug("accepted event={} type={} deliveries={}", raw.id(), LogSafe.value(raw.type()), targets.size());
        }
        ctx.status(200).json(Map.of("id", raw.id(), "event", raw.type(), "deliveries", targets.size()));
    }

    /** The event and its deliveries, unless the same topic and bytes were accepted within the window. */
    private Outbox.Enqueued enqueue(RawEvent raw, List<Target> targets, String topic, Duration window) {
        if (window.isZero()) {
            outbox.enqueue(raw, targets);
            return new Outbox.Enqueued(raw.id(), false);
        }
        return outbox.enqueueOnce(raw, targets, BodyDigest.of(topic, raw.body()), raw.receivedAt().minus(window));
    }

    /**
     * A copy of an event accepted within the window (a retry whose answer was lost, or a replay):
     * answered as accepted, with the first event's id, so that the sender stops, and nothing more is
     * sent anywhere.
     */
    private void duplicate(Context ctx, RawEvent raw, String firstId) {
        metrics.eventDuplicate(raw.type());
        LOG.debug("duplicate of event={} type={}: answered with its id, nothing stored", firstId,
                LogSafe.value(raw.type()));
        ctx.status(200).json(Map.of("id", firstId, "event", raw.type(), "deliveries", 0, "duplicate", true));
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

    private void reject(Context ctx, int status, String metric, String reason) {
        reject(ctx, status, metric, reason, reason);
    }

    /** Answers {@code reason}; {@code why} is what the log line says, in the relay's own words. */
    private void reject(Context ctx, int status, String metric, String reason, String why) {
        metrics.requestRejected(metric);
        long length = ctx.req().getContentLengthLong();
        refusals.refused(metric, status, ctx.ip(), length < 0 ? OptionalLong.empty() : OptionalLong.of(length),
                ctx.header(TOPIC_HEADER), why);
        ctx.status(status).json(Map.of("error", reason));
    }
}
