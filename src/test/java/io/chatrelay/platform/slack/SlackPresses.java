package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.testkit.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Presses a button the way Slack reports it: a {@code block_actions} payload in the form field
 * {@code payload}, posted to {@code /slack/interactions} and signed as Slack signs it.
 */
final class SlackPresses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackPresses() {}

    /** A press of the button {@code actionId} carrying {@code value}, by {@code user}, answerable at {@code responseUrl}. */
    static String payload(String actionId, String value, String user, String triggerId, String responseUrl) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions");
        payload.putObject("user").put("id", user).put("username", "handle-" + user).put("name", "handle-" + user);
        payload.putObject("team").put("id", "T0TEAM");
        payload.putObject("channel").put("id", "C0SUPPORT");
        payload.putObject("container").put("type", "message").put("message_ts", "1700000000.000101")
                .put("channel_id", "C0SUPPORT");
        payload.putObject("message").put("ts", "1700000000.000101").put("text", "🚨 Live chat escalation");
        payload.put("response_url", responseUrl).put("trigger_id", triggerId);
        payload.putArray("actions").addObject().put("action_id", actionId).put("block_id", "b1").put("value", value)
                .put("type", "button").put("action_ts", "1700000001.000200");
        return payload.toString();
    }

    /** The form body Slack posts. */
    static byte[] form(String payload) {
        return ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /** Posts {@code body} signed with {@code secret} at {@code seconds} (epoch). */
    static Http.Reply post(int port, String secret, long seconds, byte[] body) {
        return post(port, Long.toString(seconds), sign(secret, seconds, body), body);
    }

    /** {@code v0=} and the hex HMAC-SHA256 of {@code v0:<seconds>:<body>}, computed here on its own, as Slack does. */
    static String sign(String secret, long seconds, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + seconds + ":").getBytes(StandardCharsets.UTF_8));
            byte[] digest = mac.doFinal(body);
            StringBuilder hex = new StringBuilder("v0=");
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Http.Reply post(int port, String timestamp, String signature, byte[] body) {
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + SlackInteractions.PATH)
                .post(RequestBody.create(body, MediaType.get("application/x-www-form-urlencoded")));
        if (timestamp != null) {
            request.header(SlackSignature.TIMESTAMP, timestamp);
        }
        if (signature != null) {
            request.header(SlackSignature.SIGNATURE, signature);
        }
        return Http.execute(request.build());
    }
}
