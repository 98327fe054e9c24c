package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.ingest.Inbound;
import io.chatrelay.log.LogBudget;
import io.chatrelay.log.LogSafe;
import io.chatrelay.store.StoreUnavailableException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}, the Slack app's Events API Request URL: where an agent's answer in a
 * thread the relay started comes in ({@link SlackThreadReplies}). It exists while some Slack
 * destination has a {@code signing_secret}; each request is verified as Slack signs it before it
 * is parsed, answers {@code url_verification} with its challenge, and stores a reply before its 200,
 * within Slack's three seconds (a store that cannot keep it answers 503: Slack resends). Everything
 * else Slack sends is answered 200 and ignored. Nothing secret is logged, nor what agents wrote.
 */
public final class SlackEvents implements Handler {

    public static final String PATH = "/slack/events";
    /** Slack's header on a resent event: the same {@code event_id} again. */
    static final String RETRY = "X-Slack-Retry-Num";
    private static final Logger LOG = LoggerFactory.getLogger(SlackEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Inbound.Parts parts;
    private final SlackThreadReplies replies;
    private final LogBudget logBudget;

    SlackEvents(Inbound.Parts parts) {
        this.parts = parts;
        this.replies = new SlackThreadReplies(parts, new SlackUsers(parts.clock()), new SlackNotes());
        this.logBudget = new LogBudget(parts.clock());
    }

    /** Adds the route; it answers 404 while no Slack destination of the config in force has a signing secret. */
    public static void register(JavalinConfig javalin, Inbound.Parts parts) {
        javalin.routes.post(PATH, new SlackEvents(parts));
    }

    @Override
    public void handle(Context ctx) throws IOException {
        java.util.Optional<SlackGate.Admitted> admitted = SlackGate.admit(parts, ctx);
        if (admitted.isEmpty()) {
            return;
        }
        byte[] body = admitted.get().body();
        Map<String, SlackConfig> signed = admitted.get().configured();
        JsonNode callback = object(body);
        if (callback == null) {
            SlackGate.refuse(parts, ctx, 400, "slack_payload", "the body must be a JSON object",
                    "a Slack event that is not a JSON object", body.length);
            return;
        }
        String type = callback.path("type").asText("");
        if (type.equals("url_verification")) {
            ctx.status(200).json(Map.of("challenge", callback.path("challenge").asText("")));
            return;
        }
        try {
            if (type.equals("event_callback") && "message".equals(callback.path("event").path("type").asText())) {
                replies.heard(callback, signed, admitted.get().signedBy(),
                        ctx.header(RETRY) != null);
            } else {
                LOG.debug("Slack event of type {}/{} ignored", LogSafe.value(type),
                        LogSafe.value(callback.path("event").path("type").asText("")));
            }
        } catch (StoreUnavailableException e) {
            logBudget.write("store unavailable", note -> LOG.error("store unavailable, answered 503 for a Slack "
                    + "event (Slack sends it again): {}{}", LogSafe.value(e.getMessage()), note));
            SlackGate.refuse(parts, ctx, 503, "unavailable", "store unavailable, retry later", "store unavailable",
                    body.length);
            return;
        }
        ctx.status(200).result("");
    }

    private static JsonNode object(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
