package io.chatrelay;

import io.chatrelay.admin.AdminApi;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.deliver.Dispatcher;
import io.chatrelay.deliver.HttpSender;
import io.chatrelay.ingest.IngestHandler;
import io.chatrelay.ingest.SignatureVerifier;
import io.chatrelay.route.RoutingTable;
import io.chatrelay.store.JdbcOutbox;
import io.chatrelay.store.Outbox;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running relay: the HTTP endpoint, the durable outbox and the dispatcher, wired from one config. */
public final class Relay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    private static final int MAX_HEADER_BYTES = 32 * 1024;
    private static final int SENDERS = 8;
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final Javalin app;
    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final HttpSender sender;
    private final AtomicBoolean accepting;

    private Relay(Javalin app, Outbox outbox, Dispatcher dispatcher, HttpSender sender, AtomicBoolean accepting) {
        this.app = app;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.sender = sender;
        this.accepting = accepting;
    }

    public static Relay start(RelayConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static Relay start(RelayConfig config, Clock clock) {
        Outbox outbox = JdbcOutbox.open(config.store(), config.delivery().timeout().plus(LEASE_MARGIN));
        try {
            return start(config, clock, outbox);
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
    }

    private static Relay start(RelayConfig config, Clock clock, Outbox outbox) {
        HttpSender sender = new HttpSender(config.delivery().timeout());
        Dispatcher dispatcher = new Dispatcher(outbox, config, sender, clock, SENDERS);
        AtomicBoolean accepting = new AtomicBoolean(true);
        IngestHandler ingest = new IngestHandler(config.server().maxBodyBytes(),
                new SignatureVerifier(config.signingSecrets()), RoutingTable.of(config), outbox, dispatcher::wake,
                clock, accepting::get);
        AdminApi admin = new AdminApi(config.adminToken(), outbox, dispatcher::wake, clock);
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.http.prefer405over404 = true;
            javalin.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_HEADER_BYTES));
            javalin.routes.post(config.server().path(), ingest);
            javalin.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
            admin.register(javalin);
            javalin.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}: {}", ctx.method(), ctx.path(), e.getClass().getSimpleName());
                ctx.status(500).json(Map.of("error", "internal error"));
            });
            javalin.routes.error(404, "*", ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/json")) {
                    ctx.json(Map.of("error", "not found"));
                }
            });
            javalin.routes.error(405, "*", ctx -> ctx.json(Map.of("error", "method not allowed")));
        });
        app.start(config.server().host(), config.server().port());
        dispatcher.start();
        LOG.info("relay listening on port {} at {} with {} destinations and {} routes; store {}", app.port(),
                config.server().path(), config.destinations().size(), config.routes().size(),
                config.store().url().replaceAll("//.*@", "//***@"));
        return new Relay(app, outbox, dispatcher, sender, accepting);
    }

    public int port() {
        return app.port();
    }

    /** Deliveries waiting or in flight; 0 once everything accepted has been delivered or given up. */
    public long pendingDeliveries() {
        return outbox.count(io.chatrelay.store.DeliveryStatus.PENDING);
    }

    /** The relay's outbox, for tests that inspect or break the store. */
    Outbox outbox() {
        return outbox;
    }

    /**
     * Stops taking events (new ones get 503), lets sends in flight finish within {@code deadline},
     * leaves everything else queued in the store, and releases the port and the store.
     */
    public void stop(Duration deadline) {
        if (!accepting.getAndSet(false)) {
            return;
        }
        LOG.info("stopping: new events get 503; waiting up to {}s for sends in flight", deadline.toSeconds());
        dispatcher.stop(deadline);
        app.stop();
        sender.close();
        outbox.close();
        LOG.info("stopped");
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
