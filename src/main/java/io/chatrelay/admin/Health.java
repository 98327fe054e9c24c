package io.chatrelay.admin;

import io.chatrelay.store.HealthProbe;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz}: the process serves, and its store has not been failing for longer than
 * {@code store.unhealthy_after} (then only a restart helps: a deleted store file, a connection
 * that cannot be reopened). {@code /readyz}: the store takes writes and the relay takes events.
 */
public final class Health {

    private final HealthProbe store;
    private final BooleanSupplier accepting;
    private final Duration unhealthyAfter;
    private final Clock clock;

    /** {@code store}: what the background probe last found; neither endpoint ever waits for the store itself. */
    public Health(HealthProbe store, BooleanSupplier accepting, Duration unhealthyAfter, Clock clock) {
        this.store = store;
        this.accepting = accepting;
        this.unhealthyAfter = unhealthyAfter;
        this.clock = clock;
    }

    public void register(JavalinConfig javalin) {
        javalin.routes.get("/healthz", ctx -> {
            if (brokenForTooLong()) {
                ctx.status(503).json(Map.of("status", "unhealthy",
                        "error", "the store has been failing for more than " + unhealthyAfter.toSeconds() + "s"));
                return;
            }
            ctx.json(Map.of("status", "ok"));
        });
        javalin.routes.get("/readyz", ctx -> {
            if (!accepting.getAsBoolean()) {
                ctx.status(503).json(Map.of("status", "shutting down"));
            } else if (store.ready(clock.instant())) {
                ctx.json(Map.of("status", "ready"));
            } else {
                ctx.status(503).json(Map.of("status", "store unavailable"));
            }
        });
    }

    private boolean brokenForTooLong() {
        if (!accepting.getAsBoolean()) {
            return false; // stopping: the store is closed on purpose
        }
        return store.health().failingFor(clock.instant()).compareTo(unhealthyAfter) > 0;
    }
}
