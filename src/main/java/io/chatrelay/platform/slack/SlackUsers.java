package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.log.LogSafe;
import io.chatrelay.render.Text;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The name a person shows in Slack, from {@code users.info} (the display name, else the real name),
 * kept for an hour per user. The lookup has a short deadline so that a press is still answered
 * within Slack's three seconds; when it fails, or the destination has no token, the name is
 * {@code <@U…>}.
 */
final class SlackUsers {

    static final Duration KEPT = Duration.ofHours(1);
    static final Duration DEADLINE = Duration.ofMillis(1500);
    private static final int MAX_KEPT = 10_000;
    private static final int MAX_NAME = 80;
    private static final Logger LOG = LoggerFactory.getLogger(SlackUsers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Known(String name, Instant until) {}

    private final OkHttpClient client = new OkHttpClient.Builder().callTimeout(DEADLINE).followRedirects(false).build();
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Clock clock;

    SlackUsers(Clock clock) {
        this.clock = clock;
    }

    /** The name of {@code userId}, asked of the Slack workspace {@code destination} posts to. */
    String name(SlackConfig destination, String userId) {
        Instant now = clock.instant();
        Known kept = known.get(userId);
        if (kept != null && kept.until().isAfter(now)) {
            return kept.name();
        }
        Optional<String> looked = destination.token().flatMap(token -> lookUp(destination, token.reveal(), userId));
        if (looked.isEmpty()) {
            return mention(userId);
        }
        if (known.size() >= MAX_KEPT) {
            known.clear(); // a bound, not a policy: an hour's presses are far fewer
        }
        known.put(userId, new Known(looked.get(), now.plus(KEPT)));
        return looked.get();
    }

    static String mention(String userId) {
        return "<@" + userId + ">";
    }

    private Optional<String> lookUp(SlackConfig destination, String token, String userId) {
        HttpUrl url = HttpUrl.get(SlackPlatform.method(destination.apiBaseUrl(), "users.info").toString()).newBuilder()
                .addQueryParameter("user", userId).build();
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token).get().build();
        try (Response response = client.newCall(request).execute()) {
            JsonNode answer = JSON.readTree(response.body().byteStream());
            if (!response.isSuccessful() || answer == null || !answer.path("ok").asBoolean(false)) {
                LOG.info("users.info for destination={} answered HTTP {} {}: the name shown is the user's id",
                        destination.name(), response.code(), LogSafe.value(answer == null ? ""
                                : answer.path("error").asText("")));
                return Optional.empty();
            }
            JsonNode profile = answer.path("user").path("profile");
            return name(profile.path("display_name").asText(""))
                    .or(() -> name(profile.path("real_name").asText("")))
                    .or(() -> name(answer.path("user").path("real_name").asText("")));
        } catch (IOException | RuntimeException e) {
            LOG.info("users.info for destination={} failed ({}): the name shown is the user's id", destination.name(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static Optional<String> name(String text) {
        String line = Text.oneLine(text);
        return line == null || line.isEmpty() ? Optional.empty() : Optional.of(Text.truncate(line, MAX_NAME));
    }
}
