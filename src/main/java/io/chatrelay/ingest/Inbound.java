package io.chatrelay.ingest;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.store.History;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The requests that come back from the platforms and people: Slack's interactivity
 * ({@code POST /slack/interactions}), Telegram's webhook ({@code POST /telegram/{destination}}) and
 * the claim page ({@code GET|POST /claim/{token}}). They sit behind the same front door as events
 * (size and time limits, {@link RequestReader}); each is verified before it is parsed, stored before
 * it is answered, and answers 404 while its secret is not configured (so that a reload can turn it
 * on or off).
 */
public final class Inbound {

    /**
     * What every inbound handler works with; {@code config} is the config in force now, {@code history}
     * the store's read side (the claim page shows the event a link names).
     */
    public record Parts(Supplier<RelayConfig> config, Takes takes, Clock clock, RelayMetrics metrics,
                        Refusals refusals, AgentReplies replies, History history) {}

    private final Parts parts;

    public Inbound(Parts parts) {
        this.parts = parts;
    }

    /** Adds the inbound routes to the public listener. */
    public void register(JavalinConfig javalin) {
        // each way in adds its routes here
        io.chatrelay.platform.slack.SlackInteractions.register(javalin, parts);
        io.chatrelay.platform.slack.SlackEvents.register(javalin, parts);
        new ClaimPage(parts).register(javalin);
        javalin.routes.post(io.chatrelay.platform.telegram.TelegramUpdates.PATH,
                new io.chatrelay.platform.telegram.TelegramUpdates(parts));
    }
}
