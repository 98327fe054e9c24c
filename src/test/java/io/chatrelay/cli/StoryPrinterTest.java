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

    @Test
    void saysWhoTookAnEscalationAndWhatKindEachDeliveryIsWithASkippedOnesReason() {
        Map<String, Object> story = story(List.of());
        story.put("claim", Map.of("by", "Ana", "at", "2026-10-24T19:02:11Z", "via", "ops-teams"));
        story.put("deliveries", List.of(delivery(1, "event", "delivered", null),
                delivery(2, "edit", "delivered", null), delivery(3, "notice", "delivered", null),
                delivery(4, "follow-up", "skipped", "taken by Ana at 19:02 UTC via ops-teams, before the follow-up was due")));

        String text = printed(story);

        assertThat(text).contains("taken by:      Ana at 2026-10-24T19:02:11Z via ops-teams\n",
                "\ndelivery 1 to slack (route escalations): delivered after 1 attempt\n",
                "\nedit delivery 2 to slack (route escalations): delivered after 1 attempt\n",
                "\nnotice delivery 3 to slack (route escalations): delivered after 1 attempt\n",
                "\nfollow-up delivery 4 to slack (route escalations): skipped after 1 attempt\n",
                "  skipped: taken by Ana at 19:02 UTC via ops-teams, before the follow-up was due\n");
        assertThat(printed(story(List.of()))).doesNotContain("taken by");
    }

    private static Map<String, Object> delivery(long id, String kind, String status, String reason) {
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("id", id);
        delivery.put("event_id", "0192f0c4-6a1e-7b4c-9d2a-5c1e2f3a4b5c");
        delivery.put("event", "live-chat-escalation");
        delivery.put("accepted_at", "2026-10-24T19:00:00Z");
        delivery.put("conversation_id", "c1");
        delivery.put("destination", "slack");
        delivery.put("route", "escalations");
        delivery.put("kind", kind);
        delivery.put("status", status);
        delivery.put("attempts", 1);
        delivery.put("last_reason", reason);
        delivery.put("digest", false);
        delivery.put("attempt_history", List.of());
        return delivery;
    }

    private static String printed(List<String> routing) {
        return printed(story(routing));
    }

    private static Map<String, Object> story(List<String> routing) {
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
        return story;
    }

    private static String printed(Map<String, Object> story) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            new StoryPrinter(out).event(story);
        }
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
