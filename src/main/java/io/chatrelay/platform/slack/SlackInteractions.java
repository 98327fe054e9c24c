package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.ingest.Inbound;
import io.chatrelay.log.LogBudget;
import io.chatrelay.log.LogSafe;
import io.chatrelay.store.Claims;
import io.chatrelay.store.StoreUnavailableException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/interactions}, the Slack app's Interactivity Request URL: a press of a take
 * button. It exists while some Slack destination has a {@code signing_secret}; each request is
 * verified as Slack signs it before a byte of it is parsed, then the press is stored (with the
 * edits and the ephemeral answer it causes) and answered 200 with an empty body, within Slack's
 * three seconds: the edits themselves go out through the outbox. Nothing secret is logged: not the
 * body, the signature, a token or a {@code response_url}.
 */
public final class SlackInteractions implements Handler {

    public static final String PATH = "/slack/interactions";
    private static final Logger LOG = LoggerFactory.getLogger(SlackInteractions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Inbound.Parts parts;
    private final SlackUsers users;
    private final LogBudget logBudget;

    SlackInteractions(Inbound.Parts parts) {
        this.parts = parts;
        this.users = new SlackUsers(parts.clock());
        this.logBudget = new LogBudget(parts.clock());
    }

    /** Adds the route; it answers 404 while no Slack destination of the config in force has a signing secret. */
    public static void register(JavalinConfig javalin, Inbound.Parts parts) {
        javalin.routes.post(PATH, new SlackInteractions(parts));
    }

    @Override
    public void handle(Context ctx) throws IOException {
        java.util.Optional<SlackGate.Admitted> admitted = SlackGate.admit(parts, ctx);
        if (admitted.isEmpty()) {
            return;
        }
        byte[] body = admitted.get().body();
        Map<String, SlackConfig> signed = admitted.get().configured();
        JsonNode payload = payload(body);
        if (payload == null) {
            refuse(ctx, 400, "slack_payload", "form field payload must hold a JSON object",
                    "a Slack interaction without a payload field holding a JSON object", body.length);
            return;
        }
        try {
            press(payload, signed, admitted.get().signedBy());
        } catch (StoreUnavailableException e) {
            logBudget.write("store unavailable", note -> LOG.error("store unavailable, answered 503 for a Slack "
                    + "press (Slack shows its presser an error; pressing again retries): {}{}",
                    LogSafe.value(e.getMessage()), note));
            refuse(ctx, 503, "unavailable", "store unavailable, retry later", "store unavailable", body.length);
            return;
        }
        ctx.status(200).result("");
    }

    /** The form field {@code payload} as a JSON object, or null. */
    static JsonNode payload(byte[] body) {
        try {
            for (String field : new String(body, StandardCharsets.UTF_8).split("&")) {
                int equals = field.indexOf('=');
                if (equals > 0 && URLDecoder.decode(field.substring(0, equals), StandardCharsets.UTF_8).equals("payload")) {
                    JsonNode payload = JSON.readTree(URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8));
                    return payload != null && payload.isObject() ? payload : null;
                }
            }
        } catch (IOException | IllegalArgumentException malformed) {
            return null;
        }
        return null;
    }

    /** Stores a press of a take button; anything else Slack sends is answered and ignored. */
    private void press(JsonNode payload, Map<String, SlackConfig> signed, java.util.Set<String> verifiedBy) {
        String type = payload.path("type").asText("");
        if (!type.equals("block_actions")) {
            LOG.debug("Slack interaction of type {} ignored", LogSafe.value(type));
            return;
        }
        Optional<JsonNode> take = Optional.empty();
        for (JsonNode action : payload.path("actions")) {
            if (SlackEscalation.TAKE_ACTION.equals(action.path("action_id").asText())) {
                take = Optional.of(action);
                break;
            }
        }
        if (take.isEmpty()) {
            LOG.debug("Slack interaction with action_id {} ignored: not a take button",
                    LogSafe.value(payload.path("actions").path(0).path("action_id").asText("(none)")));
            return;
        }
        Optional<Claims.Press> press = SlackPress.of(payload, take.get(), signed, verifiedBy, users,
                parts.clock().instant());
        boolean apiKey = parts.config().get().chatDataApi().apiKey().isPresent();
        press.map(p -> p.whenTaken(SlackThreadNotices.whenTaken(signed.get(p.via()), apiKey)))
                .ifPresent(p -> parts.takes().take(p));
    }

    private void refuse(Context ctx, int status, String reason, String answer, String why, int size) {
        SlackGate.refuse(parts, ctx, status, reason, answer, why, size);
    }
}
