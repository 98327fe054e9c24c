package io.chatrelay.admin;

import io.chatrelay.config.Redactor;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.Secret;
import io.chatrelay.ingest.Refusals;
import io.chatrelay.store.DeliveryFilter;
import io.chatrelay.store.DestinationCounts;
import io.chatrelay.store.EventFilter;
import io.chatrelay.store.History;
import io.chatrelay.store.Maintenance;
import io.chatrelay.store.StoreCounts;
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
import java.util.Set;

/**
 * The admin API and the console: every event's and delivery's story, dead letters and their
 * replay, counts per destination, the routes as loaded, the requests lately refused. Needs {@code Authorization: Bearer
 * {admin.token}} or the console's session cookie; answers 404 as if absent when no token is
 * configured. Failed authentications (a wrong bearer token, a wrong token in the sign-in form) are
 * limited per client address: past the limit, 429 with {@code Retry-After}. Everything it serves
 * is registered here, so that {@code admin.listen} moves all of it to the admin listener.
 */
public final class AdminApi {

    /** The CLI's names ({@code event}, {@code conversation}), or the JSON fields' ({@code event_id}, ...). */
    private static final Set<String> DELIVERY_FILTERS = Set.of("status", "destination", "event", "event_id",
            "conversation", "conversation_id", "since", "limit", "cursor");
    private static final Set<String> EVENT_FILTERS = Set.of("type", "destination", "status", "conversation", "search",
            "conversation_id", "since", "limit", "cursor");
    private static final Set<String> NONE = Set.of();
    /** Sent by the console's scripts with the session cookie: a form or link from another site cannot add it. */
    static final String CONSOLE_HEADER = "X-Relay-Console";

    /** The config in force and the redactor made from it, replaced together on reload. */
    private record State(RelayConfig config, Redactor redactor, RequestsShown requests) {

        State(RelayConfig config) {
            this(config, Redactor.of(config));
        }

        private State(RelayConfig config, Redactor redactor) {
            this(config, redactor, RequestsShown.of(config, redactor));
        }
    }

    private volatile State state;
    private final History history;
    private final StoreCounts counts;
    private final Clock clock;
    private final DeliveryWrites writes;
    private final FailedLogins failedLogins;
    private final Refusals refusals;

    /**
     * {@code counts}: the destinations' counts as last counted in the background, never waited for;
     * {@code refusals}: the requests the front door refused, as {@code GET /admin/refused} lists them.
     */
    public AdminApi(RelayConfig config, History history, Maintenance maintenance, StoreCounts counts, Runnable onReplay,
                    Clock clock, Refusals refusals) {
        this.refusals = refusals;
        this.state = new State(config);
        this.history = history;
        this.counts = counts;
        this.clock = clock;
        this.writes = new DeliveryWrites(new Replays(history, maintenance), new DeliveryActions(history, maintenance),
                onReplay, clock);
        this.failedLogins = new FailedLogins(clock);
    }

    /** A reload may set, change or remove the admin token, and changes routes and destinations. */
    public void reconfigure(RelayConfig next) {
        this.state = new State(next);
    }

    public void register(JavalinConfig javalin) {
        javalin.routes.before(Console::secure);
        javalin.routes.get("/admin/deliveries", guarded(DELIVERY_FILTERS, this::listDeliveries));
        javalin.routes.get("/admin/deliveries/{id}", guarded(NONE, this::showDelivery));
        javalin.routes.post("/admin/deliveries/{id}/replay", guarded(NONE, writes::replayOne));
        javalin.routes.post("/admin/dead-letters/replay", guarded(NONE, writes::replayAll));
        javalin.routes.post("/admin/deliveries/{id}/retry", guarded(NONE, writes::retryNow));
        javalin.routes.post("/admin/deliveries/{id}/resend", guarded(NONE, writes::resend));
        javalin.routes.post("/admin/deliveries/replay", guarded(DELIVERY_FILTERS, writes::replayFiltered));
        javalin.routes.get("/admin/events", guarded(EVENT_FILTERS, this::listEvents));
        javalin.routes.get("/admin/events/{id}", guarded(NONE, this::showEvent));
        javalin.routes.get("/admin/destinations", guarded(NONE, this::destinations));
        javalin.routes.get("/admin/routes", guarded(NONE, (ctx, params) -> ctx.json(RoutesView.of(state.config()))));
        javalin.routes.get("/admin/refused", guarded(NONE,
                (ctx, params) -> ctx.json(RefusedView.of(refusals.newestFirst()))));
        javalin.routes.post("/admin/session", enabled(this::signIn));
        javalin.routes.delete("/admin/session", enabled(ctx -> ctx.status(204)
                .header("Set-Cookie", ConsoleSession.clear(secure(ctx)))));
        Console.register(javalin, this::enabled);
        javalin.routes.exception(Params.BadRequest.class, (e, ctx) -> ctx.status(400).json(error(e.getMessage())));
    }

    /** 404 as if absent while no admin token is configured. */
    Handler enabled(Handler handler) {
        return ctx -> {
            if (state.config().adminToken().isEmpty()) {
                ctx.status(404).json(error("not found"));
            } else {
                handler.handle(ctx);
            }
        };
    }

    /** What an admin endpoint does with a request whose query parameters are the ones it knows. */
    @FunctionalInterface
    private interface Endpoint {
        void handle(Context ctx, Params params) throws Exception;
    }

    /**
     * An endpoint behind the token, taking the query parameters {@code known} and no other: every
     * endpoint names its parameters, so none can take an unknown or malformed one by forgetting.
     */
    private Handler guarded(Set<String> known, Endpoint endpoint) {
        return enabled(ctx -> {
            ctx.header("Cache-Control", "no-store");
            if (limited(ctx)) {
                return;
            }
            if (!authorised(ctx, state.config().adminToken().get())) {
                if (ctx.header("Authorization") != null) { // a wrong credential, not just none
                    failedLogins.failed(ctx.ip());
                }
                ctx.status(401).header("WWW-Authenticate", "Bearer").json(error("admin token required"));
            } else {
                endpoint.handle(ctx, Params.of(ctx, known));
            }
        });
    }

    /** True, after answering 429, while this address has failed to authenticate too often. */
    private boolean limited(Context ctx) {
        Duration wait = failedLogins.waitFor(ctx.ip());
        if (wait.isZero()) {
            return false;
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1_000);
        ctx.status(429).header("Retry-After", Long.toString(seconds)).json(error(
                "too many failed admin authentications from this address, retry in " + seconds + "s"));
        return true;
    }

    private boolean authorised(Context ctx, Secret token) {
        String header = ctx.header("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            return matches(header.substring("Bearer ".length()).trim(), token);
        }
        return ctx.header(CONSOLE_HEADER) != null
                && ConsoleSession.valid(ctx.cookie(ConsoleSession.COOKIE), token, clock.instant());
    }

    private static boolean matches(String given, Secret token) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.reveal().getBytes(StandardCharsets.UTF_8));
    }

    /** The console's sign-in form posts the token in the body; the answer sets the session cookie. */
    private void signIn(Context ctx) {
        if (Console.crossSite(ctx)) {
            ctx.status(403).json(error("sign-in from another site refused: sign in on this relay's own /admin/ page"));
            return;
        }
        if (!isForm(ctx.contentType())) {
            ctx.status(415).json(error("sign-in takes a form: Content-Type application/x-www-form-urlencoded"));
            return;
        }
        if (limited(ctx)) {
            return;
        }
        Secret token = state.config().adminToken().get();
        String given = ctx.formParam("token");
        if (given == null || !matches(given.trim(), token)) {
            failedLogins.failed(ctx.ip());
            ctx.status(401).json(error("wrong admin token"));
            return;
        }
        ctx.status(204).header("Cache-Control", "no-store")
                .header("Set-Cookie", ConsoleSession.issue(token, clock.instant(), secure(ctx)));
    }

    /** A URL-encoded form (the front door has refused charsets other than UTF-8). */
    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return mediaType.equalsIgnoreCase("application/x-www-form-urlencoded");
    }

    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private Stories stories() {
        State now = state;
        return new Stories(history, now.redactor(), Optional.of(now.requests()));
    }

    private void listDeliveries(Context ctx, Params params) {
        int limit = params.limit();
        DeliveryFilter filter = DeliveryFilter.newest(limit + 1).withStatus(params.status())
                .withDestination(params.text("destination")).withEventId(params.text("event", "event_id"))
                .withConversation(params.text("conversation", "conversation_id"))
                .withSince(params.since(clock.instant())).withBefore(params.numericCursor());
        Stories stories = stories();
        var rows = history.find(filter);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("deliveries", rows.stream().limit(limit).map(stories::row).toList());
        page.put("next_cursor", rows.size() > limit ? String.valueOf(rows.get(limit - 1).id()) : null);
        ctx.json(page);
    }

    private void listEvents(Context ctx, Params params) {
        int limit = params.limit();
        EventFilter filter = EventFilter.newest(limit + 1).withType(params.text("type"))
                .withDestination(params.text("destination")).withStatus(params.status())
                .withConversation(params.text("conversation", "conversation_id"))
                .withSince(params.since(clock.instant())).withBefore(params.eventCursor())
                .withSearch(params.search());
        Stories stories = stories();
        var rows = history.events(filter);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("events", rows.stream().limit(limit).map(stories::eventRow).toList());
        page.put("next_cursor", rows.size() > limit ? rows.get(limit - 1).id() : null);
        ctx.json(page);
    }

    /** An event by its whole id or a unique prefix of 8 characters or more, as the lists shorten them. */
    private void showEvent(Context ctx, Params none) {
        String given = ctx.pathParam("id");
        if (!given.matches("[0-9a-fA-F-]{1,64}")) { // only an id-like value is repeated
            ctx.status(404).json(error("no event with that id"));
            return;
        }
        String id;
        try {
            id = EventIdPrefix.resolve(history, given);
        } catch (IllegalArgumentException notOne) {
            ctx.status(notOne.getMessage().startsWith("more than one") ? 409 : 404).json(error(notOne.getMessage()));
            return;
        }
        Optional<Map<String, Object>> story = stories().event(id);
        if (story.isEmpty()) {
            ctx.status(404).json(error("no event " + given));
            return;
        }
        ctx.json(story.get());
    }

    private void showDelivery(Context ctx, Params none) {
        long id = deliveryId(ctx);
        Optional<Map<String, Object>> story = stories().delivery(id);
        if (story.isEmpty()) {
            ctx.status(404).json(error("no delivery " + id));
            return;
        }
        ctx.json(story.get());
    }

    static long deliveryId(Context ctx) {
        return Params.deliveryId(ctx.pathParam("id"));
    }

    private void destinations(Context ctx, Params none) {
        Optional<List<DestinationCounts>> counted = counts.byDestination();
        if (counted.isEmpty()) {
            ctx.status(503).json(Map.of("error", "the store has not answered the last count; try again shortly"));
            return;
        }
        ctx.json(DestinationsView.of(state.config(), counted.get()));
    }

    static Map<String, String> error(String reason) {
        return Map.of("error", reason);
    }
}
