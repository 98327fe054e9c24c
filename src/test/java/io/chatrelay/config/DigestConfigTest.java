package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.platform.Platforms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestConfigTest {

    private static final String HEAD = """
            chat_data: {signing_secrets: [x]}
            destinations:
              crm: {type: webhook, url: "https://crm.example.com/hook"}
            routes:
            """;

    private static List<String> problems(String routes) {
        try {
            Platforms.loader(Map.of()).parse(HEAD + routes);
        } catch (InvalidConfigException e) {
            return e.problems().stream().filter(p -> !p.isWarning()).map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the config to be invalid");
    }

    @Test
    void readsEveryAndMaxEventsWithFiftyByDefault() throws Exception {
        RelayConfig config = Platforms.loader(Map.of()).parse(HEAD + """
                  - {name: chats, match: {event: [chat, user-online]}, to: [crm], digest: {every: 1h}}
                  - {name: busy, match: {event: chat}, to: [crm], digest: {every: 15m, max_events: 120}}
                  - {name: now, match: {event: chat}, to: [crm]}
                """);

        assertThat(config.routes().get(0).digest()).contains(new DigestConfig(Duration.ofHours(1), 50));
        assertThat(config.routes().get(1).digest()).contains(new DigestConfig(Duration.ofMinutes(15), 120));
        assertThat(config.routes().get(2).digest()).isEqualTo(Optional.empty());
    }

    @Test
    void refusesADigestThatCouldHoldBackAnEscalation() {
        assertThat(problems("  - {name: all, to: [crm], digest: {every: 1h}}\n")).singleElement().asString()
                .startsWith("routes[0].digest: a digest holds events back, and an escalation is never held "
                        + "back: this route has no match.event condition, so it can match live-chat-escalation");
        assertThat(problems("  - {name: some, match: {event: [chat, live-chat-escalation]}, to: [crm], "
                + "digest: {every: 1h}}\n")).singleElement().asString()
                .contains("this route can match live-chat-escalation");
        assertThat(problems("  - {name: any, match: {event: {regex: 'live'}}, to: [crm], digest: {every: 1h}}\n"))
                .singleElement().asString().contains("can match live-chat-escalation");
    }

    @Test
    void refusesEveryAndMaxEventsOutOfRange() {
        assertThat(problems("  - {name: c, match: {event: chat}, to: [crm], digest: {every: 30s}}\n"))
                .containsExactly("routes[0].digest.every: must be between 1m and 24h, got 30s (line 5)");
        assertThat(problems("  - {name: c, match: {event: chat}, to: [crm], digest: {every: 2d}}\n"))
                .containsExactly("routes[0].digest.every: must be between 1m and 24h, got 2d (line 5)");
        assertThat(problems("  - {name: c, match: {event: chat}, to: [crm], digest: {every: 1h, max_events: 0}}\n"))
                .containsExactly("routes[0].digest.max_events: must be between 1 and 200, got 0 (line 5)");
        assertThat(problems("  - {name: c, match: {event: chat}, to: [crm], digest: {max_events: 10, each: 1h}}\n"))
                .anySatisfy(p -> assertThat(p).contains("digest.every").contains("is required"))
                .anySatisfy(p -> assertThat(p).contains("each"));
    }
}
