package io.chatrelay.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One sample destination of a platform, named after its golden directory: its YAML, the rules its
 * platform enforces (a stand-in's checker), the secrets of the sample that must never show, and
 * answers with what they must mean. Each platform's test package declares its own cases in a
 * {@code <Name>Kit}; {@link PlatformKit} joins them, and every shared test runs over all of them.
 */
public record PlatformCase(String name, String type, String yaml, Function<OutboundRequest, List<String>> rules,
                           List<String> secrets, List<Expect> answers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an answer must mean: an outcome kind, the wait it asks for, words the reason must hold. */
    public record Expect(Answer answer, Class<? extends Outcome> kind, Optional<Duration> notBefore, String reasonHas) {

        public static Expect delivered(int status, String body) {
            return new Expect(new Answer(status, Map.of(), body), Outcome.Delivered.class, Optional.empty(), "");
        }

        public static Expect retry(Answer answer, Duration wait) {
            return new Expect(answer, Outcome.Retry.class, Optional.ofNullable(wait), "");
        }

        public static Expect dead(int status, String body, String reasonHas) {
            return new Expect(new Answer(status, Map.of(), body), Outcome.Dead.class, Optional.empty(), reasonHas);
        }
    }

    /** The destination's name in the loaded config: its first part when it delivers to several separately. */
    String destination() {
        return PlatformKit.CONFIG.destinations().containsKey(name) ? name : PlatformKit.CONFIG.destinations().keySet()
                .stream().filter(key -> key.startsWith(name + "/")).findFirst().orElseThrow();
    }

    Formatter formatter() {
        return PlatformKit.FORMATTERS.forDestination(destination());
    }

    Platform<?> platform() {
        return PlatformKit.FORMATTERS.platform(destination());
    }

    /**
     * The sample with every address it sends to pointing at local servers and its secrets kept: web
     * addresses and API bases at {@code httpBase} (path and query, where the secrets are, unchanged),
     * the mail server at 127.0.0.1:{@code smtpPort}.
     */
    public String yamlAt(String httpBase, int smtpPort) {
        String base = httpBase.replaceAll("/+$", "");
        if (type.equals("email")) {
            return yaml.replaceFirst("host: [^,}]+", "host: 127.0.0.1, port: " + smtpPort);
        }
        if (yaml.contains("https://")) {
            return yaml.replaceAll("https://[^/\"]+", base);
        }
        return yaml.replaceFirst("\\{", "{api_base_url: \"" + base + "\", ");
    }

    List<String> violations(OutboundRequest request) {
        return rules.apply(request);
    }

    /** A checker of JSON bodies: the parsed body and its size in bytes. */
    public static Function<OutboundRequest, List<String>> json(BiFunction<JsonNode, Integer, List<String>> rules) {
        return request -> {
            try {
                return rules.apply(JSON.readTree(request.body()), request.body().length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    public static Answer answer(int status, Map<String, String> headers, String body) {
        return new Answer(status, headers, body);
    }

    /** Answers every HTTP platform must read alike: a 429 with Retry-After, a 5xx, a 404; then its own. */
    public static List<Expect> http(String deadBody, String deadReason, Expect... more) {
        List<Expect> answers = new ArrayList<>(List.of(
                Expect.retry(answer(429, Map.of("Retry-After", "7"), ""), Duration.ofSeconds(7)),
                Expect.retry(answer(503, Map.of(), "busy"), null),
                Expect.dead(404, deadBody, deadReason)));
        answers.addAll(List.of(more));
        return answers;
    }

    @Override
    public String toString() {
        return name;
    }
}
