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
 * and their picture ({@code image_72}, the avatar a reply shows the visitor), kept for an hour per
 * user. The lookup has a short deadline so that a press or a reply is still answered within
 * Slack's three seconds; when it fails, or the destination has no token, the name is
 * {@code <@U…>} and there is no avatar.
 */
final class SlackUsers {

    static final Duration KEPT = Duration.ofHours(1);
    static final Duration DEADLINE = Duration.ofMillis(1500);
    private static final int MAX_KEPT = 10_000;
    private static final int MAX_NAME = 80;
    private static final Logger LOG = LoggerFactory.getLogger(SlackUsers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A person as Slack shows them: {@code looked} is false when Slack could not say (the name is their mention). */
    record Person(String name, Optional<String> avatar, boolean looked) {}

    private record Known(Person person, Instant until) {}

    private final OkHttpClient client = new OkHttpClient.Builder().callTimeout(DEADLINE).followRedirects(false).build();
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Clock clock;

    SlackUsers(Clock clock) {
        this.clock = clock;
    }

    /** The name of {@code userId}, asked of the Slack workspace {@code destination} posts to. */
    String name(SlackConfig destination, String userId) {
        return person(destination, userId).name();
    }

    /** The person {@code userId} is, asked of the Slack workspace {@code destination} posts to, unless kept. */
    Person person(SlackConfig destination, String userId) {
        Optional<Person> kept = kept(userId);
        if (kept.isPresent()) {
            return kept.get();
        }
        Optional<Person> looked = destination.token().flatMap(token -> lookUp(destination, token.reveal(), userId));
        if (looked.isEmpty()) {
            return new Person(mention(userId), Optional.empty(), false);
        }
        if (known.size() >= MAX_KEPT) {
            known.clear(); // a bound, not a policy: an hour's presses are far fewer
        }
        known.put(userId, new Known(looked.get(), clock.instant().plus(KEPT)));
        return looked.get();
    }

    /** The person as kept from an earlier lookup within the hour; no request. */
    Optional<Person> kept(String userId) {
        Known kept = known.get(userId);
        return kept != null && kept.until().isAfter(clock.instant()) ? Optional.of(kept.person()) : Optional.empty();
    }

    static String mention(String userId) {
        return "<@" + userId + ">";
    }

    private Optional<Person> lookUp(SlackConfig destination, String token, String userId) {
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
            Optional<String> avatar = Optional.ofNullable(profile.path("image_72").textValue())
                    .filter(image -> SlackReplies.uri(image).filter(uri -> "https".equals(uri.getScheme())).isPresent());
            return name(profile.path("display_name").asText(""))
                    .or(() -> name(profile.path("real_name").asText("")))
                    .or(() -> name(answer.path("user").path("real_name").asText("")))
                    .map(name -> new Person(name, avatar, true));
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
