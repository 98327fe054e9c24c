package io.chatrelay.admin;

import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.Outbox;
import io.javalin.config.JavalinConfig;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code /healthz}: the process serves. {@code /readyz}: the store answers and the relay takes events. */
public final class Health {

    private final Outbox outbox;
    private final BooleanSupplier accepting;

    public Health(Outbox outbox, BooleanSupplier accepting) {
        this.outbox = outbox;
        this.accepting = accepting;
    }

    public void register(JavalinConfig javalin) {
        javalin.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        javalin.routes.get("/readyz", ctx -> {
            if (!accepting.getAsBoolean()) {
                ctx.status(503).json(Map.of("status", "shutting down"));
                return;
            }
            try {
                outbox.count(DeliveryStatus.DEAD);
                ctx.json(Map.of("status", "ready"));
            } catch (RuntimeException storeDown) {
                ctx.status(503).json(Map.of("status", "store unavailable"));
            }
        });
    }
}
