package io.chatrelay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.config.ChatDataDestination;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.platform.slack.SlackConfig;
import io.chatrelay.platform.slack.SlackSignature;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The two-way loop {@code demo} plays after the samples: Ana presses "Take this chat" on the
 * escalation's Slack message, then answers in its thread; each request is built and signed as Slack
 * sends it, posted to the relay, and what people then see is shown: the edited Slack message, the
 * reply in the visitor's chat widget (from the Chat Data stand-in), the ✅ on Ana's message.
 */
final class DemoLoop {

    /** What Ana writes in the thread: Slack markup, which the visitor reads as Markdown. */
    static final String ANSWER = "Hi! I'm *Ana*, looking at your order now";
    private static final String ANA = "U0DEMOANA";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final StandIns standIns;
    private final SlackConfig slack;
    private final String relay;
    private final Duration wait;
    private final HttpClient client = HttpClient.newHttpClient();

    private DemoLoop(PrintWriter out, StandIns standIns, SlackConfig slack, int relayPort, Duration wait) {
        this.out = out;
        this.standIns = standIns;
        this.slack = slack;
        this.relay = "http://127.0.0.1:" + relayPort;
        this.wait = wait;
    }

    /** The Slack destinations the loop can play through: those that hear replies (Chat Data's API key set). */
    static List<SlackConfig> hearingReplies(RelayConfig config) {
        boolean apiKey = config.chatDataApi().apiKey().isPresent();
        return config.destinations().values().stream().filter(SlackConfig.class::isInstance).map(SlackConfig.class::cast)
                .filter(s -> s.replyMode(apiKey) != io.chatrelay.config.ReplyRules.Mode.OFF).toList();
    }

    /** The line said instead of the loop when the config has no Slack destination that hears replies. */
    static String hint() {
        return "To see a person take the chat in Slack and answer the visitor from its thread, give a Slack "
                + "destination token, channel and signing_secret, and set chat_data.api_key.";
    }

    /** The line said instead of the loop when no escalation goes to a Slack destination that hears replies. */
    static String routeHint(SlackConfig slack) {
        return "To see a person take the chat in Slack and answer the visitor from its thread, route "
                + "live-chat-escalation to " + slack.name() + ".";
    }

    /** Plays the loop through {@code slack}; whether everything expected arrived. */
    static boolean play(PrintWriter out, StandIns standIns, SlackConfig slack, int relayPort, Duration wait)
            throws IOException, InterruptedException {
        return new DemoLoop(out, standIns, slack, relayPort, wait).play();
    }

    private boolean play() throws IOException, InterruptedException {
        Optional<StandIns.Received> escalation = standIns.received().stream()
                .filter(r -> r.destination().equals(slack.name()) && r.path().endsWith("/chat.postMessage"))
                .filter(r -> takeValue(r).isPresent()).findFirst();
        if (escalation.isEmpty()) {
            out.println("(" + slack.name() + " got no escalation with a Take this chat button)");
            return false;
        }
        return take(escalation.get()) && answer(escalation.get());
    }

    private boolean take(StandIns.Received escalation) throws IOException, InterruptedException {
        heading("Ana presses Take this chat in Slack");
        JsonNode posted = JSON.readTree(escalation.answer());
        String channel = posted.path("channel").asText(slack.channel().orElse(""));
        String ts = posted.path("ts").asText("");
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions")
                .put("trigger_id", "1337.42.demo" + Instant.now().toEpochMilli())
                .put("response_url", standIns.baseUrl(slack.name()) + "/actions/T0DEMO/1/demo");
        payload.putObject("user").put("id", ANA).put("username", "ana").put("team_id", "T0DEMO");
        payload.putObject("team").put("id", "T0DEMO").put("domain", "demo");
        payload.putObject("container").put("type", "message").put("message_ts", ts).put("channel_id", channel);
        payload.putObject("channel").put("id", channel);
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "claim")
                .put("value", takeValue(escalation).orElseThrow()).put("action_ts", seconds() + ".000001");
        byte[] body = ("payload=" + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        int from = standIns.received().size();
        if (!post("/slack/interactions", "application/x-www-form-urlencoded", body)) {
            return false;
        }
        Optional<StandIns.Received> edited = standIns.awaitOne(r -> at(r, "/chat.update")
                && new String(r.body(), StandardCharsets.UTF_8).contains("Taken by"), from, wait);
        if (!show(edited, "the edited message did not arrive")) {
            return false;
        }
        out.println("  Then, in its thread:");
        return show(standIns.awaitOne(r -> at(r, "/chat.postMessage"), from, wait),
                "the line saying how replies work did not arrive");
    }

    /** A request of the Web API {@code method} at the loop's Slack destination. */
    private boolean at(StandIns.Received r, String method) {
        return r.destination().equals(slack.name()) && r.path().endsWith(method);
    }

    private boolean answer(StandIns.Received escalation) throws IOException, InterruptedException {
        heading("Ana answers in the thread");
        String threadTs = threadTs(escalation);
        String ts = seconds() + ".000900";
        ObjectNode callback = JSON.createObjectNode().put("type", "event_callback").put("team_id", "T0DEMO")
                .put("api_app_id", "A0DEMO").put("event_id", "Ev0DEMO" + seconds()).put("event_time", seconds());
        callback.putObject("event").put("type", "message").put("channel", slack.channel().orElse(""))
                .put("channel_type", "channel").put("user", ANA).put("text", ANSWER).put("ts", ts)
                .put("thread_ts", threadTs).put("event_ts", ts);
        out.println("  Ana, in the thread: " + ANSWER);
        int from = standIns.received().size();
        if (!post("/slack/events", "application/json", JSON.writeValueAsBytes(callback))) {
            return false;
        }
        Optional<StandIns.Received> reply = standIns.awaitOne(r -> r.destination().equals(ChatDataDestination.NAME)
                && r.path().endsWith("/api/v2/live-chat"), from, wait);
        if (!show(reply, "the reply did not reach Chat Data")) {
            return false;
        }
        Optional<StandIns.Received> reaction = standIns.awaitOne(r -> at(r, "/reactions.add"), from, wait);
        if (reaction.isEmpty()) {
            out.println("  (no ✅ arrived on Ana's message)");
            return false;
        }
        String name = JSON.readTree(reaction.get().body()).path("name").asText();
        out.println("  In Slack, Ana's message gets " + ("white_check_mark".equals(name) ? "✅" : ":" + name + ":")
                + " once Chat Data accepted it.");
        out.println();
        return true;
    }

    /** The conversation's thread: where the relay posted its messages after the escalation, else the escalation. */
    private String threadTs(StandIns.Received escalation) throws IOException {
        for (StandIns.Received r : standIns.received()) {
            if (r.destination().equals(slack.name()) && r.path().endsWith("/chat.postMessage")) {
                JsonNode thread = JSON.readTree(r.body()).path("thread_ts");
                if (thread.isTextual()) {
                    return thread.asText();
                }
            }
        }
        return JSON.readTree(escalation.answer()).path("ts").asText("");
    }

    /** The take button's value in a message the relay posted, if it has one. */
    private static Optional<String> takeValue(StandIns.Received posted) {
        try {
            for (JsonNode block : JSON.readTree(posted.body()).path("blocks")) {
                for (JsonNode element : block.path("elements")) {
                    if ("claim".equals(element.path("action_id").asText())) {
                        return Optional.of(element.path("value").asText());
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Posts {@code body} signed as Slack signs it with the destination's signing secret. */
    private boolean post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        long timestamp = seconds();
        HttpRequest request = HttpRequest.newBuilder(URI.create(relay + path))
                .header("Content-Type", contentType)
                .header(SlackSignature.TIMESTAMP, Long.toString(timestamp))
                .header(SlackSignature.SIGNATURE, SlackSignature.sign(slack.signingSecret().orElseThrow(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            out.printf("  (the relay answered %s %d %s)%n", path, response.statusCode(), response.body());
            return false;
        }
        return true;
    }

    private boolean show(Optional<StandIns.Received> got, String missing) {
        if (got.isEmpty()) {
            out.println("  (" + missing + ")");
            return false;
        }
        List<String> lines = ChatView.lines(got.get());
        lines.forEach(line -> out.println("  " + line));
        out.println();
        return true;
    }

    private void heading(String step) {
        String title = "▶ " + step + " ";
        out.println(title + "─".repeat(Math.max(3, 78 - title.length())));
    }

    private static long seconds() {
        return Instant.now().getEpochSecond();
    }
}
