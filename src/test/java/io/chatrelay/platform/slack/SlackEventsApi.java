package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.testkit.Http;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Slack's Events API as it calls the relay: {@code event_callback}s of {@code message} events and
 * the {@code url_verification} handshake, as JSON posted to {@code /slack/events}, signed as Slack
 * signs them ({@link SlackPresses#sign}), resent with {@code X-Slack-Retry-Num} when asked.
 */
final class SlackEventsApi {

    static final String CHANNEL = "C0SUPPORT";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackEventsApi() {}

    /** A person's message in the thread {@code threadTs}. */
    static ObjectNode message(String eventId, String user, String text, String ts, String threadTs) {
        ObjectNode callback = JSON.createObjectNode().put("token", "legacy-verification-token")
                .put("team_id", "T0TEAM").put("api_app_id", "A0APP").put("type", "event_callback")
                .put("event_id", eventId).put("event_time", 1700000100);
        callback.putObject("event").put("type", "message").put("channel", CHANNEL).put("user", user)
                .put("text", text).put("ts", ts).put("thread_ts", threadTs).put("channel_type", "channel")
                .put("event_ts", ts);
        return callback;
    }

    /** The same callback's event with {@code field} set: {@code bot_id}, {@code subtype}, … */
    static ObjectNode with(ObjectNode callback, String field, String value) {
        ((ObjectNode) callback.get("event")).put(field, value);
        return callback;
    }

    /** The same callback as an upload: {@code subtype: file_share} and one file in {@code files}. */
    static ObjectNode withFile(ObjectNode callback) {
        with(callback, "subtype", "file_share");
        ((ObjectNode) callback.get("event")).putArray("files").addObject().put("id", "F0FILE").put("name", "screen.png")
                .put("url_private", "https://files.slack.com/files-pri/T0-F0FILE/screen.png");
        return callback;
    }

    static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Posts {@code body} signed with {@code secret} at {@code seconds}; {@code retry} > 0 adds Slack's retry headers. */
    static Http.Reply post(int port, String secret, long seconds, byte[] body, int retry) {
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + SlackEvents.PATH)
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .header(SlackSignature.TIMESTAMP, Long.toString(seconds))
                .header(SlackSignature.SIGNATURE, SlackPresses.sign(secret, seconds, body));
        if (retry > 0) {
            request.header(SlackEvents.RETRY, Integer.toString(retry)).header("X-Slack-Retry-Reason", "http_timeout");
        }
        return Http.execute(request.build());
    }
}
