package io.chatrelay.admin;

import io.chatrelay.config.Secret;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.DeliveryView;
import io.chatrelay.store.Outbox;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter API: list deliveries, replay one, replay every dead one. Needs
 * {@code Authorization: Bearer {admin.token}}; answers 404 as if absent when no token is configured.
 * Failed authentications are limited per client address: past the limit, 429 with
 * {@code Retry-After}. Everything it serves is registered here, so that {@code admin.listen} moves
 * all of it to the admin listener.
 */
public final class AdminApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1_000;

    private volatile Optional<Secret> token;
    private final Outbox outbox;
    private final Runnable onReplay;
    private final Clock clock;
    private final FailedLogins failedLogins;

    public AdminApi(Optional<Secret> token, Outbox outbox, Runnable onReplay, Clock clock) {
        this.token = token;
        this.outbox = outbox;
        this.onReplay = onReplay;
        this.clock = clock;
        this.failedLogins = new FailedLogins(clock);
    }

    /** A reload may set, change or remove the admin token. */
    public void reconfigure(Optional<Secret> newToken) {
        this.token = newToken;
    }

    public void register(JavalinConfig javalin) {
        javalin.routes.get("/admin/deliveries", guarded(this::list));
        javalin.routes.post("/admin/deliveries/{id}/replay", guarded(this::replayOne));
        javalin.routes.post("/admin/dead-letters/replay", guarded(this::replayAll));
    }

    private Handler guarded(Handler handler) {
        return ctx -> {
            Optional<Secret> token = this.token;
            if (token.isEmpty()) {
                ctx.status(404).json(Map.of("error", "not found"));
                return;
            }
            Duration wait = failedLogins.waitFor(ctx.ip());
            if (!wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1_000);
                ctx.status(429).header("Retry-After", Long.toString(seconds)).json(Map.of("error",
                        "too many failed admin authentications from this address, retry in " + seconds + "s"));
            } else if (!authorised(ctx.header("Authorization"), token.get())) {
                if (ctx.header("Authorization") != null) { // a wrong credential, not just none
                    failedLogins.failed(ctx.ip());
                }
                ctx.status(401).header("WWW-Authenticate", "Bearer").json(Map.of("error", "admin token required"));
            } else {
                handler.handle(ctx);
            }
        };
    }

    private static boolean authorised(String header, Secret token) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.reveal().getBytes(StandardCharsets.UTF_8));
    }

    private void list(Context ctx) {
        Optional<DeliveryStatus> status;
        int limit;
        try {
            String statusParam = ctx.queryParam("status");
            status = statusParam == null || statusParam.isBlank() ? Optional.empty()
                    : Optional.of(DeliveryStatus.parse(statusParam));
            String limitParam = ctx.queryParam("limit");
            limit = limitParam == null ? DEFAULT_LIMIT : Integer.parseInt(limitParam);
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", "status must be dead, pending or delivered; limit a number"));
            return;
        }
        List<Map<String, Object>> rows = outbox.list(status, Math.max(1, Math.min(limit, MAX_LIMIT))).stream()
                .map(AdminApi::row).toList();
        ctx.json(Map.of("deliveries", rows));
    }

    static Map<String, Object> row(DeliveryView view) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", view.id());
        row.put("event_id", view.eventId());
        row.put("event", view.eventType());
        row.put("destination", view.destination());
        row.put("route", view.route());
        row.put("status", view.status().name().toLowerCase(java.util.Locale.ROOT));
        row.put("attempts", view.attempts());
        row.put("last_status", view.lastStatus());
        row.put("last_reason", view.lastReason());
        row.put("updated_at", view.updatedAt().toString());
        return row;
    }

    private void replayOne(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.status(400).json(Map.of("error", "delivery id must be a number"));
            return;
        }
        int replayed = outbox.replay(List.of(id), clock.instant());
        if (replayed == 0) {
            ctx.status(404).json(Map.of("error", "no dead delivery " + id));
            return;
        }
        onReplay.run();
        ctx.json(Map.of("replayed", replayed));
    }

    private void replayAll(Context ctx) {
        int replayed = outbox.replayAllDead(clock.instant());
        onReplay.run();
        ctx.json(Map.of("replayed", replayed));
    }
}
