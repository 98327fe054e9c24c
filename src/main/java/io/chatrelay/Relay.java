package io.chatrelay;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.deliver.Dispatcher;
import io.chatrelay.deliver.HttpSender;
import io.chatrelay.ingest.IngestHandler;
import io.chatrelay.ingest.SignatureVerifier;
import io.chatrelay.route.RoutingTable;
import io.chatrelay.store.InMemoryOutbox;
import io.chatrelay.store.Outbox;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running relay: the HTTP endpoint, the outbox and the dispatcher, wired from one config. */
public final class Relay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    private static final int MAX_HEADER_BYTES = 32 * 1024;
    private static final int SENDERS = 8;

    private final Javalin app;
    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final HttpSender sender;

    private Relay(Javalin app, Outbox outbox, Dispatcher dispatcher, HttpSender sender) {
        this.app = app;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.sender = sender;
    }

    public static Relay start(RelayConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static Relay start(RelayConfig config, Clock clock) {
        Outbox outbox = new InMemoryOutbox();
        HttpSender sender = new HttpSender(config.delivery().timeout());
        Dispatcher dispatcher = new Dispatcher(outbox, config, sender, clock, SENDERS);
        IngestHandler ingest = new IngestHandler(config.server().maxBodyBytes(),
                new SignatureVerifier(config.signingSecrets()), RoutingTable.of(config), outbox, dispatcher::wake,
                clock);
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.http.prefer405over404 = true;
            javalin.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_HEADER_BYTES));
            javalin.routes.post(config.server().path(), ingest);
            javalin.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
            javalin.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}: {}", ctx.method(), ctx.path(), e.toString());
                ctx.status(500).json(Map.of("error", "internal error"));
            });
            javalin.routes.error(404, "*", ctx -> ctx.json(Map.of("error", "not found")));
            javalin.routes.error(405, "*", ctx -> ctx.json(Map.of("error", "method not allowed")));
        });
        app.start(config.server().host(), config.server().port());
        dispatcher.start();
        LOG.info("relay listening on port {} at {} with {} destinations and {} routes", app.port(),
                config.server().path(), config.destinations().size(), config.routes().size());
        return new Relay(app, outbox, dispatcher, sender);
    }

    public int port() {
        return app.port();
    }

    /** Stops taking events, lets sends in flight finish within {@code deadline}, then releases everything. */
    public void stop(Duration deadline) {
        app.stop();
        dispatcher.stop(deadline);
        sender.close();
        outbox.close();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

}
