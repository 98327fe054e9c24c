package io.chatrelay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.event.RawEvent;
import io.chatrelay.render.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every platform's digest at its limits: 120 events of long, Unicode-heavy and hostile text, of
 * every type, listed 50 and 200 at a time, rich and plain: each stays within its platform's rules
 * and says how many it left out.
 */
class DigestPlatformsTest {

    static final List<PlatformCase> PLATFORMS = PlatformKit.ALL;
    private static final Instant START = FormatterFixtures.AT;
    private static final List<String> UNITS = List.of("x", FormatterFixtures.HOSTILE, FormatterFixtures.UNICODE,
            "**b** [l](https://e.example/?a=1&b=<2>) `c` > q\n- i\n", "&amp;<b>&#x27;");

    @ParameterizedTest
    @FieldSource("PLATFORMS")
    void aDigestOf120LongHostileEventsStaysWithinThePlatformsRules(PlatformCase platform) {
        List<String> violations = new ArrayList<>();
        for (Digest digest : DIGESTS.get()) {
            {
                String unit = digest.raw().get(0).id();
                int maxEvents = digest.maxEvents();
                Envelope envelope = FormatterFixtures.envelope(digest.raw().get(0).body());
                for (Envelope variant : List.of(envelope, envelope.asPlain())) {
                    OutboundRequest request = platform.formatter().formatDigest(digest, variant);
                    platform.violations(request).forEach(v -> violations.add(unit.substring(0, 1) + " max "
                            + maxEvents + (variant.plain() ? " plain" : "") + ": " + v));
                }
            }
        }

        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("PLATFORMS")
    void aDigestCountsTheEventsItLeavesOut(PlatformCase platform) {
        Digest digest = Digest.of(START, START.plus(Duration.ofHours(1)), 50, events("x", 20), platform.destination());

        OutboundRequest request = platform.formatter().formatDigest(digest,
                FormatterFixtures.envelope(digest.raw().get(0).body()));

        String body = new String(request.body(), StandardCharsets.UTF_8);
        if (platform.type().equals("webhook")) {
            assertThat(body).startsWith("{\"events\":[{").contains("\"period\":{\"start\":\"" + START);
        } else {
            java.util.regex.Matcher more = java.util.regex.Pattern.compile("\\+(\\d+) more").matcher(body);
            assertThat(more.find()).as(body).isTrue();
            assertThat(Integer.parseInt(more.group(1))).as("lines left out: 70, or more where fewer fit")
                    .isGreaterThanOrEqualTo(70);
        }
    }

    /** Each unit's digest, listing 50 and 200, built once for all platforms: parsing the events is the cost. */
    private static final java.util.function.Supplier<List<Digest>> DIGESTS = new java.util.function.Supplier<>() {
        private List<Digest> digests;

        @Override
        public synchronized List<Digest> get() {
            if (digests == null) {
                List<Digest> built = new ArrayList<>();
                for (String unit : UNITS) {
                    List<RawEvent> events = events(unit, 400);
                    for (int maxEvents : List.of(50, 200)) {
                        built.add(Digest.of(START, START.plus(Duration.ofHours(1)), maxEvents, events, "team"));
                    }
                }
                digests = List.copyOf(built);
            }
            return digests;
        }
    };

    /** 120 events: every documented type but the escalation, and an unknown one, round and round. */
    private static List<RawEvent> events(String unit, int length) {
        List<String> kinds = FormatterFixtures.hostileEvents(unit, length).stream()
                .filter(json -> !json.contains("live-chat-escalation")).toList();
        List<RawEvent> events = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String json = kinds.get(i % kinds.size()).replaceFirst("\"conversation_id\":\"", "\"conversation_id\":\"" + i);
            events.add(new RawEvent(i == 0 ? unit.substring(0, 1) : "evt-" + i, null, null, json.getBytes(StandardCharsets.UTF_8),
                    START.plusSeconds(i * 20L)));
        }
        return events;
    }
}
