package io.chatrelay;

import io.chatrelay.admin.AdminApi;
import io.chatrelay.admin.Health;
import io.chatrelay.config.ConfigWatcher;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.ServerConfig;
import io.chatrelay.deliver.Dispatcher;
import io.chatrelay.deliver.Senders;
import io.chatrelay.ingest.BodyBudget;
import io.chatrelay.ingest.ConnectionLimit;
import io.chatrelay.ingest.AgentReplies;
import io.chatrelay.ingest.IngestHandler;
import io.chatrelay.ingest.Inbound;
import io.chatrelay.ingest.Takes;
import io.chatrelay.ingest.IngestLoad;
import io.chatrelay.ingest.JsonErrorHandler;
import io.chatrelay.ingest.RequestGate;
import io.chatrelay.ingest.Refusals;
import io.chatrelay.ingest.RequestReader;
import io.chatrelay.log.LogBudget;
import io.chatrelay.log.LogSafe;
import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.HealthProbe;
import io.chatrelay.store.Store;
import io.chatrelay.store.StoreCounts;
import io.chatrelay.store.StoreUnavailableException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running relay: the HTTP endpoint, the durable store and the dispatcher, wired from one config. */
public final class Relay implements AutoCloseable, ConfigWatcher.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    private static final int MAX_HEADER_BYTES = 32 * 1024;
    private static final int SENDS_PER_DESTINATION = 8;
    /** Shares of the open files the process may use, for the public and the admin listener's connections. */
    private static final double PUBLIC_CONNECTIONS = 0.75;
    private static final double ADMIN_CONNECTIONS = 0.125;

    private final Javalin app;
    private final Javalin adminApp;
    private final Store store;
    private final Dispatcher dispatcher;
    private final Senders senders;
    private final IngestHandler ingest;
    private final AdminApi admin;
    private final RelayMetrics metrics;
    private final StoreCounts counts;
    private final HealthProbe health;
    private final AtomicBoolean accepting;
    private volatile RelayConfig config;
    /** The config in force, for the inbound handlers, which read it per request. */
    private final AtomicReference<RelayConfig> current;

    private Relay(Parts parts) {
        this.app = parts.app;
        this.adminApp = parts.adminApp;
        this.store = parts.store;
        this.dispatcher = parts.dispatcher;
        this.senders = parts.senders;
        this.ingest = parts.ingest;
        this.admin = parts.admin;
        this.metrics = parts.metrics;
        this.counts = parts.counts;
        this.health = parts.health;
        this.accepting = parts.accepting;
        this.config = parts.config;
        this.current = parts.current;
    }

    /** The parts of a relay, gathered while it is wired. */
    private static final class Parts {
        RelayConfig config;
        Javalin app;
        Javalin adminApp;
        Store store;
        Dispatcher dispatcher;
        Senders senders;
        IngestHandler ingest;
        AdminApi admin;
        RelayMetrics metrics;
        StoreCounts counts;
        HealthProbe health;
        AtomicBoolean accepting = new AtomicBoolean(true);
        Refusals refusals;
        Inbound inbound;
        AtomicReference<RelayConfig> current;
    }

    public static Relay start(RelayConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static Relay start(RelayConfig config, Clock clock) {
        Store store = Store.open(config.store(), clock);
        try {
            return wire(config, clock, store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Ingest and the dispatcher work the store's outbox; the admin API and health read and maintain it. */
    private static Relay wire(RelayConfig config, Clock clock, Store store) {
        Parts parts = new Parts();
        parts.config = config;
        parts.store = store;
        parts.metrics = new RelayMetrics();
        parts.refusals = new Refusals(clock);
        parts.senders = Senders.real(config.delivery().timeout());
        IngestLoad load = new IngestLoad();
        parts.dispatcher = new Dispatcher(store.outbox(), config, parts.senders, clock, SENDS_PER_DESTINATION,
                parts.metrics, load::burst);
        parts.ingest = new IngestHandler(config, store.outbox(), parts.dispatcher::wake, clock, parts.accepting::get,
                parts.metrics, load, parts.refusals);
        parts.current = new AtomicReference<>(config);
        parts.inbound = new Inbound(new Inbound.Parts(parts.current::get, new Takes(store.outbox().claims(),
                parts.metrics, parts.dispatcher::wake), clock, parts.metrics, parts.refusals,
                new AgentReplies(store.replies(), parts.metrics, parts.dispatcher::wake, clock), store.history()));
        // the gauges, the console's counts and the health endpoints read what was last found, never the store
        parts.counts = StoreCounts.start(store.history(), clock);
        parts.metrics.storeGauges(parts.counts::pending, parts.counts::dead);
        parts.health = HealthProbe.start(store.maintenance(), clock);
        parts.admin = new AdminApi(config, store.history(), store.maintenance(), parts.counts, parts.dispatcher::wake,
                clock, parts.refusals);
        Health health = new Health(parts.health, parts.accepting::get, config.store().unhealthyAfter(), clock);
        try {
            listen(parts, config, health, new LogBudget(clock));
        } catch (RuntimeException cannotListen) { // a port in use: nothing may keep running behind the failure
            parts.counts.close();
            parts.health.close();
            parts.senders.close();
            throw cannotListen;
        }
        parts.dispatcher.start();
        LOG.info(StartupLine.of(config, parts.app.port(), config.server().adminListen().isPresent()
                ? OptionalInt.of(parts.adminApp.port()) : OptionalInt.empty()));
        return new Relay(parts);
    }

    /**
     * Starts the public listener: the webhook and health, and the admin API and metrics unless
     * {@code admin.listen} gives them a listener of their own, started here too.
     */
    private static void listen(Parts parts, RelayConfig config, Health health, LogBudget logBudget) {
        Optional<ServerConfig.Address> adminListen = config.server().adminListen();
        Consumer<JavalinConfig> adminRoutes = javalin -> {
            javalin.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(parts.metrics.scrape()));
            parts.admin.register(javalin);
        };
        BodyBudget budget = BodyBudget.ofHeap(config.server().maxBodyBytes()); // shared by both listeners
        parts.app = http(config.server(), parts.metrics, budget, logBudget, parts.refusals, PUBLIC_CONNECTIONS, javalin -> {
            javalin.routes.post(config.server().path(), parts.ingest);
            parts.inbound.register(javalin);
            health.register(javalin);
            if (adminListen.isEmpty()) {
                adminRoutes.accept(javalin);
            }
        });
        parts.app.start(config.server().host(), config.server().port());
        if (adminListen.isPresent()) {
            parts.adminApp = http(config.server(), parts.metrics, budget, logBudget, parts.refusals, ADMIN_CONNECTIONS, adminRoutes);
            startOrStop(parts.adminApp, adminListen.get(), parts.app);
        }
    }

    /**
     * One listener: bodies read without holding a thread and within {@code server.read_timeout},
     * bodies in memory within {@code budget}, connections within {@code connections} of the open
     * files the process may use, headers limited, unknown methods and charsets refused, errors as JSON and
     * their log lines within {@code logBudget}, refused requests kept in {@code refusals}, every request timed; {@code routes} decide what it serves.
     */
    private static Javalin http(ServerConfig server, RelayMetrics metrics, BodyBudget budget, LogBudget logBudget,
                                Refusals refusals, double connections, Consumer<JavalinConfig> routes) {
        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.http.prefer405over404 = true;
            javalin.http.maxRequestSize = server.maxBodyBytes(); // RequestReader has refused larger ones, as JSON
            javalin.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_HEADER_BYTES));
            javalin.jetty.modifyServer(jetty -> {
                jetty.insertHandler(new RequestReader(server.readTimeout(), server.maxBodyBytes(), metrics, budget, refusals));
                jetty.insertHandler(new RequestGate()); // outermost: nothing else sees an unknown method or charset
                ConnectionLimit.apply(jetty, connections, server.readTimeout(), metrics); // and the header deadline
            });
            javalin.requestLogger.http((ctx, ms) -> metrics.httpRequest(ctx.method().name(), route(ctx),
                    ctx.statusCode(), Duration.ofNanos((long) (ms * 1_000_000))));
            routes.accept(javalin);
            errorsAsJson(javalin, logBudget);
        });
    }

    /** Starts the admin listener; if it cannot (the port is taken), the public one stops too. */
    private static void startOrStop(Javalin adminApp, ServerConfig.Address address, Javalin publicApp) {
        try {
            adminApp.start(address.host(), address.port());
        } catch (RuntimeException e) {
            publicApp.stop();
            throw e;
        }
    }

    /**
     * Every error the relay answers is {@code {"error": "..."}}, never a page, never the request
     * echoed; what a request can cause is logged at most once a minute per kind.
     */
    private static void errorsAsJson(JavalinConfig javalin, LogBudget logBudget) {
        javalin.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        javalin.routes.exception(Exception.class, (e, ctx) -> {
            // the route's pattern, not the path: a path can carry a capability (/claim/{token})
            logBudget.write("unexpected error", note -> LOG.error("unexpected error on {} {}: {}{}",
                    LogSafe.value(ctx.method()), route(ctx), e.getClass().getSimpleName(), note));
            ctx.status(500).json(Map.of("error", "internal error"));
        });
        javalin.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            logBudget.write("store unavailable", note -> LOG.error("store unavailable on {} {}: {}{}",
                    LogSafe.value(ctx.method()), route(ctx), LogSafe.value(e.getMessage()), note));
            ctx.status(503).json(Map.of("error", "store unavailable, retry later"));
        });
        javalin.routes.exception(UnsupportedCharsetException.class, (e, ctx) -> unsupportedCharset(ctx));
        javalin.routes.exception(IllegalCharsetNameException.class, (e, ctx) -> unsupportedCharset(ctx));
        javalin.routes.error(404, "*", ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !(type.startsWith("application/json") || type.startsWith("text/html"))) {
                ctx.json(Map.of("error", "not found")); // keep the admin API's own 404s, and the claim page's
            }
        });
        javalin.routes.error(405, "*", ctx -> ctx.json(Map.of("error", "method not allowed")));
    }

    /** A body in a character set Java does not know (or a name that is none) cannot be read: 415. */
    private static void unsupportedCharset(io.javalin.http.Context ctx) {
        ctx.status(415).json(Map.of("error", "unsupported charset in Content-Type; send UTF-8"));
    }

    /** The matched route's pattern, so that metrics have one series per route, not per URL. */
    private static String route(io.javalin.http.Context ctx) {
        try {
            var endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    public int port() {
        return app.port();
    }

    /** The port of the admin listener ({@code admin.listen}), when there is one. */
    public OptionalInt adminPort() {
        return adminApp == null ? OptionalInt.empty() : OptionalInt.of(adminApp.port());
    }

    public RelayConfig config() {
        return config;
    }

    /**
     * Applies a new, valid config to new events and deliveries without dropping requests in flight or
     * queued deliveries. Listening address, path, body limit and store need a restart; they are kept.
     */
    @Override
    public void reload(RelayConfig next) {
        RelayConfig current = config;
        RelayConfig applied = next.withServer(current.server()).withStore(current.store());
        if (!next.server().equals(current.server()) || !next.store().equals(current.store())) {
            LOG.warn("config reload: server, store and admin.listen settings take effect after a restart; kept the running ones");
        }
        for (String removed : current.destinations().keySet()) {
            if (!applied.destinations().containsKey(removed)) {
                LOG.warn("config reload: destination {} was removed; its {} waiting deliveries are kept and go out "
                        + "if it comes back (see deliveries list)", removed, store.history().countPending(removed));
            }
        }
        ingest.reconfigure(applied);
        this.current.set(applied);
        dispatcher.reconfigure(applied);
        admin.reconfigure(applied);
        config = applied;
        metrics.configReload("applied");
        LOG.info("config reloaded: {} destinations, {} routes", applied.destinations().size(), applied.routes().size());
    }

    /** Counts a reload that was refused because the new config is invalid. */
    @Override
    public void reloadRejected() {
        metrics.configReload("rejected");
    }

    /** Deliveries waiting or in flight; 0 once everything accepted has been delivered or given up. */
    public long pendingDeliveries() {
        return store.history().count(DeliveryStatus.PENDING);
    }

    /** The relay's store, for tests that inspect or break it. */
    Store store() {
        return store;
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
        if (adminApp != null) {
            adminApp.stop();
        }
        senders.close();
        counts.close();
        health.close();
        store.close();
        metrics.close();
        LOG.info("stopped");
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
