package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notes to an agent about a message of theirs that does not reach the visitor, sent at once after
 * Slack is answered and not through the outbox: a courtesy, not a delivery (nothing the visitor
 * sees depends on it). A file is not sent ("Slack's file links need the bot token"); someone else
 * took the chat (an ephemeral note, {@code chat.postEphemeral}, only the author sees). A note that
 * fails is logged in one line, without the token.
 */
final class SlackNotes {

    static final String FILES = "📎 Files are not sent to the visitor (Slack's file links need the bot token): "
            + "paste a public link, or describe it in words.";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Logger LOG = LoggerFactory.getLogger(SlackNotes.class);

    private final OkHttpClient client;

    SlackNotes() {
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "slack-notes");
            thread.setDaemon(true); // a note in flight never holds the relay up on its way out
            return thread;
        });
        this.client = new OkHttpClient.Builder().dispatcher(new Dispatcher(threads)).callTimeout(DEADLINE)
                .followRedirects(false).build();
    }

    /** "Files are not sent…", in the thread. */
    void filesNotSent(SlackConfig destination, String channel, String threadTs) {
        send(destination, "chat.postMessage", JsonNodeFactory.instance.objectNode().put("channel", channel)
                .put("thread_ts", threadTs).put("text", SlackText.escape(FILES)));
    }

    /** "Not sent to the visitor: Ana took this chat…", shown to {@code user} only. */
    void notYours(SlackConfig destination, String channel, String threadTs, String user, String takerMrkdwn) {
        send(destination, "chat.postEphemeral", JsonNodeFactory.instance.objectNode().put("channel", channel)
                .put("user", user).put("thread_ts", threadTs).put("text", "Not sent to the visitor: " + takerMrkdwn
                        + " took this chat, and only they answer it from here."));
    }

    private void send(SlackConfig destination, String method, ObjectNode body) {
        if (destination.token().isEmpty()) {
            return;
        }
        Request request = new Request.Builder().url(SlackPlatform.method(destination.apiBaseUrl(), method).toString())
                .header("Authorization", "Bearer " + destination.token().get().reveal())
                .post(RequestBody.create(body.toString(), JSON)).build();
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                LOG.info("{} to destination={} failed ({}): the agent is not told", method, destination.name(),
                        e.getClass().getSimpleName());
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    String answer = response.body().string();
                    if (!response.isSuccessful() || !answer.contains("\"ok\":true")) {
                        LOG.info("{} to destination={} answered HTTP {}: the agent is not told", method,
                                destination.name(), response.code());
                    }
                } catch (IOException e) {
                    onFailure(call, e);
                }
            }
        });
    }
}
