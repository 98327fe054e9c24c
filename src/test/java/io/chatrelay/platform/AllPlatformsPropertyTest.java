package io.chatrelay.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.event.RawEvent;
import io.chatrelay.render.Markdown;
import io.chatrelay.render.MessageTemplate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Long, Unicode-heavy (emoji, CJK, right-to-left) and hostile text in every field of every event
 * type, with and without a template and a thread: every platform's output stays within its limits
 * and pings nobody; Markdown nested thousands of levels deep renders in bounded time and stack.
 */
class AllPlatformsPropertyTest {

    static final List<PlatformCase> PLATFORMS = PlatformKit.ALL;
    private static final List<String> UNITS = List.of("x", FormatterFixtures.HOSTILE, FormatterFixtures.UNICODE,
            "**b** [l](https://e.example/?a=1&b=<2>) `c` > q\n- i\n", "&amp;<b>&#x27;");
    private static final List<Integer> LENGTHS = List.of(1, 150, 1_025, 3_001, 4_097, 30_000);
    private static final MessageTemplate TEMPLATE = new MessageTemplate(
            "New {{event}} from {{lead.name}} <{{lead.email}}> in {{chatbot_name}}: {{#lead}}{{phone}}{{/lead}}");
    /** Triple braces put an event's text into the message unescaped: its Markdown is rendered too. */
    private static final MessageTemplate RAW_TEMPLATE = new MessageTemplate("**{{{lead.name}}}** {{{chatbot_name}}}");
    /**
     * 8,000 levels of every Markdown construct, and mixes of them: each overflowed the stack (in the
     * relay's renderer or in commonmark-java's parser) at a few thousand levels.
     */
    private static final List<String> NESTING_BOMBS = List.of(
            bomb(">", ""), bomb("- ", ""), bomb("1. ", ""), bomb("*", "*"), bomb("**", "**"), bomb("_", "_"),
            bomb("*a ", " a*"), bomb("[", "](https://e.example)"), bomb("![", "](https://e.example)"),
            bomb("`", "`"), bomb("<b>", "</b>"), bomb("> 1. *[_", "_](https://e.example)*"),
            bomb("***_[", "](https://e.example)_***"), bomb("~~", "~~"), bomb("~~a ", " a~~"), indentedLists(140));

    @ParameterizedTest
    @FieldSource("PLATFORMS")
    void staysWithinLimitsAndPingsNobody(PlatformCase platform) {
        List<String> violations = new ArrayList<>();
        for (Input input : HOSTILE_INPUTS.get()) {
            platform.violations(platform.formatter().format(input.envelope()))
                    .forEach(v -> violations.add(input.name() + ": " + v));
        }

        assertThat(violations).isEmpty();
    }

    /** One hostile event as every platform gets it, named by its unit's first character and its length. */
    private record Input(String name, Envelope envelope) {}

    /**
     * Every unit at every length in every event type and variant, parsed once for all platforms:
     * parsing megabytes of JSON for each platform again cost more than some platforms' rendering.
     */
    private static final Supplier<List<Input>> HOSTILE_INPUTS = memoize(() -> {
        List<Input> inputs = new ArrayList<>();
        for (String unit : UNITS) {
            for (int length : LENGTHS) {
                for (String json : FormatterFixtures.hostileEvents(unit, length)) {
                    variants(json).forEach(envelope -> inputs.add(new Input(unit.substring(0, 1) + " x" + length, envelope)));
                }
            }
        }
        return List.copyOf(inputs);
    });

    private static <T> Supplier<T> memoize(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    @ParameterizedTest
    @FieldSource("PLATFORMS")
    void rendersNestingBombsOfEveryConstructInBoundedTimeWithinLimits(PlatformCase platform) {
        List<String> violations = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> { // a hang guard, not a timing assertion
            for (String bomb : NESTING_BOMBS) {
                for (String json : markdownEvents(bomb)) {
                    for (Envelope envelope : variants(json, RAW_TEMPLATE)) {
                        platform.violations(platform.formatter().format(envelope))
                                .forEach(v -> violations.add(bomb.substring(0, 12) + "…: " + v));
                    }
                }
            }
        });

        assertThat(violations).isEmpty();
    }

    /** The events whose text goes through Markdown, with {@code text} as the visitor's and the bot's words and the names. */
    private static List<String> markdownEvents(String text) {
        String s = text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return List.of(
                "{\"event\":\"chat\",\"chatbot_name\":\"" + s + "\",\"conversation_id\":\"c1\",\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"" + s + "\"}],\"answer\":{\"content\":\"" + s + "\"},\"lead\":{\"name\":\""
                        + s + "\"}}",
                "{\"event\":\"live-chat-escalation\",\"chatbot_name\":\"" + s + "\",\"conversation_id\":\"c1\","
                        + "\"handling_url\":\"https://x.example/h\",\"messages\":[{\"role\":\"user\",\"content\":\"" + s
                        + "\"},{\"role\":\"assistant\",\"content\":\"" + s + "\"}],\"lead\":{\"name\":\"" + s + "\"}}",
                "{\"event\":\"lead-submission\",\"chatbot_name\":\"" + s + "\",\"lead\":{\"name\":\"" + s
                        + "\",\"email\":\"" + s + "\"}}");
    }

    private static String bomb(String open, String close) {
        return open.repeat(8_000) + "x" + close.repeat(8_000);
    }

    /** A list nested by indentation, one level a line: as deep as 20,000 characters allow. */
    private static String indentedLists(int depth) {
        StringBuilder out = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            out.append("  ".repeat(level)).append("- x\n");
        }
        return out.toString();
    }

    private static List<Envelope> variants(String json) {
        return variants(json, TEMPLATE);
    }

    private static List<Envelope> variants(String json, MessageTemplate template) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ChatDataEvent event;
        try {
            event = EventParser.parse(body, null);
        } catch (MalformedEventException e) {
            throw new IllegalStateException(e);
        }
        RawEvent raw = new RawEvent("evt-1", event.type(), event.conversationId(), body, FormatterFixtures.AT);
        return List.of(
                new Envelope(raw, event, "7", Optional.empty(), Optional.empty(), FormatterFixtures.AT),
                new Envelope(raw, event, "7", Optional.of(template), Optional.of("1700000000.000100"), FormatterFixtures.AT),
                new Envelope(raw, event, "7", Optional.of(template), Optional.empty(), FormatterFixtures.AT).asPlain());
    }
}
