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

    /**
     * A request Slack signed: its body, the Slack destinations with a signing secret, and those whose
     * secret signed it.
     */
    record Admitted(byte[] body, Map<String, SlackConfig> configured, java.util.Set<String> signedBy) {}

    /**
     * The request's body once one of the config's signing secrets verifies it; else empty, answered
     * 404 (no Slack destination has a secret) or 401 (not signed by Slack), before anything is parsed.
     */
    static java.util.Optional<Admitted> admit(Inbound.Parts parts, Context ctx) throws java.io.IOException {
        Map<String, SlackConfig> configured = signedDestinations(parts.config().get());
        if (configured.isEmpty()) {
            ctx.status(404).json(Map.of("error", "not found"));
            return java.util.Optional.empty();
        }
        byte[] body = ctx.bodyAsBytes();
        SlackSignature.Verdict verdict = verify(ctx, body, configured, parts.clock().instant());
        if (verdict instanceof SlackSignature.Verdict.Refused refused) {
            refuse(parts, ctx, 401, refused.reason(), "not signed by Slack", refused.why(), body.length);
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Admitted(body, configured,
                ((SlackSignature.Verdict.Signed) verdict).destinations()));
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
