package io.chatrelay.admin;

import io.chatrelay.store.ActionSource;
import io.chatrelay.store.DeliveryFilter;
import io.chatrelay.store.DeliveryStatus;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The admin API's endpoints that change deliveries: replay one or those a filter shows, retry one
 * now, resend one; each recorded with where it came from ({@link ActionSource}), and each waking
 * the dispatcher when it changed something.
 */
final class DeliveryWrites {

    private final Replays replays;
    private final DeliveryActions actions;
    private final Runnable onReplay;
    private final Clock clock;

    DeliveryWrites(Replays replays, DeliveryActions actions, Runnable onReplay, Clock clock) {
        this.replays = replays;
        this.actions = actions;
        this.onReplay = onReplay;
        this.clock = clock;
    }

    void replayOne(Context ctx, Params none) {
        long id = AdminApi.deliveryId(ctx);
        Replays.Result result = replays.replay(List.of(id), source(ctx), clock.instant());
        if (result.replayed() == 0) {
            Replays.NotReplayed why = result.notReplayed().get(0);
            ctx.status(why.exists() ? 409 : 404).json(Map.of("error", why.reason(), "replayed", 0,
                    "not_replayed", List.of(why.json())));
            return;
        }
        onReplay.run();
        ctx.json(Map.of("replayed", result.replayed()));
    }

    void replayAll(Context ctx, Params none) {
        int replayed = actions.replay(DeliveryFilter.newest(Integer.MAX_VALUE), source(ctx), clock.instant());
        onReplay.run();
        ctx.json(Map.of("replayed", replayed));
    }

    void retryNow(Context ctx, Params none) {
        answer(ctx, "retried", actions.retryNow(AdminApi.deliveryId(ctx), source(ctx), clock.instant()));
    }

    void resend(Context ctx, Params none) {
        answer(ctx, "resent", actions.resend(AdminApi.deliveryId(ctx), source(ctx), clock.instant()));
    }

    /** 200 with {@code done: 1}; 409 with the reason when the delivery is not in a state for it, 404 when absent. */
    void answer(Context ctx, String done, DeliveryActions.Outcome outcome) {
        if (!outcome.done()) {
            ctx.status(outcome.exists() ? 409 : 404).json(Map.of("error", outcome.reason(), done, 0));
            return;
        }
        onReplay.run();
        ctx.json(Map.of(done, 1));
    }

    /** The dead deliveries the listing's filters show (all of them without a limit), replayed. */
    void replayFiltered(Context ctx, Params params) {
        if (params.status() != null && params.status() != DeliveryStatus.DEAD) {
            throw new Params.BadRequest("only dead deliveries are replayed: status must be dead or not given");
        }
        int limit = params.text("limit") == null ? Integer.MAX_VALUE : params.limit();
        DeliveryFilter filter = DeliveryFilter.newest(limit).withDestination(params.text("destination"))
                .withEventId(params.text("event", "event_id"))
                .withConversation(params.text("conversation", "conversation_id"))
                .withSince(params.since(clock.instant())).withBefore(params.numericCursor());
        int replayed = actions.replay(filter, source(ctx), clock.instant());
        onReplay.run();
        ctx.json(Map.of("replayed", replayed));
    }

    /** Where an action came from, for its record only: the console's scripts mark their calls. */
    private static ActionSource source(Context ctx) {
        return ctx.header(AdminApi.CONSOLE_HEADER) != null ? ActionSource.CONSOLE : ActionSource.API;
    }
}
