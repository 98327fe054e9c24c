package io.chatrelay.platform.slack;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.Secret;
import io.chatrelay.ingest.Inbound;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The door every request from the Slack app goes through ({@code /slack/interactions},
 * {@code /slack/events}): it exists while some Slack destination has a signing secret, and a
 * request is verified against those secrets before a byte of it is parsed. A refusal is counted,
 * kept for the console and answered with a short JSON error; nothing secret is logged.
 */
final class SlackGate {

    private SlackGate() {}

    /** Slack destinations of {@code config} that have the app's signing secret, by name. */
    static Map<String, SlackConfig> signedDestinations(RelayConfig config) {
        Map<String, SlackConfig> signed = new LinkedHashMap<>();
        for (DestinationConfig destination : config.destinations().values()) {
            if (destination instanceof SlackConfig slack && slack.signingSecret().isPresent()) {
                signed.put(slack.name(), slack);
            }
        }
        return signed;
    }

    /** The request's signature checked against every destination's signing secret. */
    static SlackSignature.Verdict verify(Context ctx, byte[] body, Map<String, SlackConfig> signed,
                                         java.time.Instant now) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        signed.forEach((name, slack) -> secrets.put(name, slack.signingSecret().orElseThrow()));
        return SlackSignature.verify(secrets, ctx.header(SlackSignature.TIMESTAMP),
                ctx.header(SlackSignature.SIGNATURE), body, now);
    }

    static void refuse(Inbound.Parts parts, Context ctx, int status, String reason, String answer, String why,
                       int size) {
        parts.metrics().requestRejected(reason);
        parts.refusals().refused(reason, status, ctx.ip(), OptionalLong.of(size), null, why);
        ctx.status(status).json(Map.of("error", answer));
    }
}
