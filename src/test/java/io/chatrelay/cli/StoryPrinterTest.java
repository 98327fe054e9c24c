package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code events show} prints what the event's story holds, as the admin API gives it. */
class StoryPrinterTest {

    @Test
    void showsWhatTheTimeIntervalsDecidedAtAcceptanceAndNothingWhenTheyHadNoSay() {
        String timed = printed(List.of("route office-hours skipped: outside office-hours",
                "route after-hours matched (outside office-hours)"));

        assertThat(timed).contains("time intervals at acceptance:\n"
                + "  route office-hours skipped: outside office-hours\n"
                + "  route after-hours matched (outside office-hours)\n");
        assertThat(printed(List.of())).doesNotContain("time intervals");
    }

    private static String printed(List<String> routing) {
        Map<String, Object> story = new LinkedHashMap<>();
        story.put("id", "0192f0c4-6a1e-7b4c-9d2a-5c1e2f3a4b5c");
        story.put("event", "live-chat-escalation");
        story.put("accepted_at", "2026-10-24T19:00:00Z");
        story.put("conversation_id", "c1");
        story.put("chatbot_id", "bot");
        story.put("size_bytes", 10);
        story.put("copies", 1);
        story.put("routes", List.of("after-hours"));
        story.put("routing", routing);
        story.put("actions", List.of());
        story.put("deliveries", List.of());
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            new StoryPrinter(out).event(story);
        }
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
