package io.chatrelay.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.RawEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Long, Unicode-heavy (emoji, CJK, right-to-left) and hostile text in every field of every event
 * type, with and without a template and a thread: every platform's output stays within its limits
 * and pings nobody.
 */
class AllPlatformsPropertyTest {

    static final List<Platforms.Platform> PLATFORMS = Platforms.ALL;
    private static final List<String> UNITS = List.of("x", FormatterFixtures.HOSTILE, FormatterFixtures.UNICODE,
            "**b** [l](https://e.example/?a=1&b=<2>) `c` > q\n- i\n", "&amp;<b>&#x27;");
    private static final List<Integer> LENGTHS = List.of(1, 150, 1_025, 3_001, 4_097, 30_000);
    private static final MessageTemplate TEMPLATE = new MessageTemplate(
            "New {{event}} from {{lead.name}} <{{lead.email}}> in {{chatbot_name}}: {{#lead}}{{phone}}{{/lead}}");

    @ParameterizedTest
    @FieldSource("PLATFORMS")
    void staysWithinLimitsAndPingsNobody(Platforms.Platform platform) throws Exception {
        List<String> violations = new ArrayList<>();
        for (String unit : UNITS) {
            for (int length : LENGTHS) {
                for (String json : FormatterFixtures.hostileEvents(unit, length)) {
                    for (Envelope envelope : variants(json)) {
                        platform.violations(platform.formatter().format(envelope))
                                .forEach(v -> violations.add(unit.substring(0, 1) + " x" + length + ": " + v));
                    }
                }
            }
        }

        assertThat(violations).isEmpty();
    }

    private static List<Envelope> variants(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ChatDataEvent event = EventParser.parse(body, null);
        RawEvent raw = new RawEvent("evt-1", event.type(), event.conversationId(), body, FormatterFixtures.AT);
        return List.of(
                new Envelope(raw, event, "7", Optional.empty(), Optional.empty(), FormatterFixtures.AT),
                new Envelope(raw, event, "7", Optional.of(TEMPLATE), Optional.of("1700000000.000100"), FormatterFixtures.AT));
    }
}
