package io.chatrelay.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.event.RawEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestLinesTest {

    private static final Instant START = Instant.parse("2026-12-07T14:00:00Z");

    private static RawEvent event(String id, int minute, String json) {
        return new RawEvent(id, null, null, json.getBytes(StandardCharsets.UTF_8), START.plus(Duration.ofMinutes(minute)));
    }

    private static String presence(String type, String conversation) {
        return "{\"event\":\"" + type + "\",\"chatbot_name\":\"Help bot\",\"conversation_id\":\"" + conversation
                + "\",\"name\":\"Ada\"}";
    }

    @Test
    void presenceOfOneConversationCollapsesIntoOneLine() {
        Digest digest = Digest.of(START, START.plus(Duration.ofHours(1)), 50, List.of(
                event("1", 2, presence("user-online", "c1")),
                event("2", 3, "{\"event\":\"chat\",\"chatbot_id\":\"bot\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"where is my\\n order?\"}],\"lead\":{\"name\":\"Grace\"}}"),
                event("3", 5, presence("user-offline", "c1")),
                event("4", 7, presence("user-online", "c2")),
                event("5", 9, presence("user-offline", "c3"))), "team");

        assertThat(digest.lines()).extracting(DigestLine::text).containsExactly(
                "14:02 · Help bot · Ada · online 14:02-14:05",
                "14:03 · bot · Grace · where is my order?",
                "14:07 · Help bot · Ada · online since 14:07",
                "14:09 · Help bot · Ada · offline 14:09");
        assertThat(digest.title()).isEqualTo("Digest 14:00–15:00 UTC: 5 events");
        assertThat(digest.more()).isZero();
    }

    @Test
    void showsMaxEventsLinesAndCountsTheRestWithALinkToThem() {
        List<RawEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            events.add(event("e" + i, i / 2, "{\"event\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"q" + i
                    + "\"}]}"));
        }
        Digest digest = Digest.of(START, START.plus(Duration.ofHours(1)), 50, events, "team slack");

        assertThat(digest.shown()).hasSize(50);
        assertThat(digest.more()).isEqualTo(70);
        assertThat(digest.moreText(digest.more()))
                .isEqualTo("+70 more: /admin/#/events?destination=team+slack&since=2026-12-07T14:00:00Z");
        Digest.Fitted fitted = digest.fit(200, DigestLine::text, "\n", digest::moreText);
        assertThat(String.join("\n", fitted.lines()).length() + 1 + fitted.more().length()).isLessThanOrEqualTo(200);
        assertThat(fitted.hidden()).isEqualTo(120 - fitted.lines().size());
        assertThat(fitted.more()).startsWith("+" + fitted.hidden() + " more");
    }
}
