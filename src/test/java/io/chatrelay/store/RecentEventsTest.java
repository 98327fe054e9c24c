package io.chatrelay.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentEventsTest {

    private final ManualClock clock = new ManualClock();
    private final RecentEvents recent = new RecentEvents(clock);

    @Test
    void eachDeliveryOfAnEventTakesItOnceThenItIsForgotten() throws MalformedEventException {
        ChatDataEvent event = chat("c1");
        recent.remember("e1", event, 2, 100);

        assertThat(recent.take("e1")).containsSame(event);
        assertThat(recent.take("e1")).containsSame(event);
        assertThat(recent.take("e1")).as("a retry parses the stored body").isEmpty();
        assertThat(recent.size()).isZero();
    }

    @Test
    void whenFullANewEventIsNotKeptRatherThanOneAboutToBeDelivered() throws MalformedEventException {
        ChatDataEvent event = chat("c1");
        for (int i = 0; i < RecentEvents.CAPACITY; i++) {
            recent.remember("e" + i, event, 1, 100);
        }

        recent.remember("newest", event, 1, 100);

        assertThat(recent.take("e0")).as("the oldest, next to be claimed").isPresent();
        assertThat(recent.take("newest")).isEmpty();
        assertThat(recent.size()).isEqualTo(RecentEvents.CAPACITY - 1);
    }

    @Test
    void anEventWhoseDeliveriesWentElsewhereIsForgottenAfterThirtySeconds() throws MalformedEventException {
        recent.remember("claimed-by-another-replica", chat("c1"), 1, 100);
        clock.advance(RecentEvents.KEEP);

        recent.remember("e2", chat("c2"), 1, 100);

        assertThat(recent.take("claimed-by-another-replica")).isEmpty();
        assertThat(recent.take("e2")).isPresent();
    }

    @Test
    void keepsNoLargeBodyAndNoEventWithoutDeliveries() throws MalformedEventException {
        recent.remember("large", chat("c1"), 1, RecentEvents.LARGEST_BODY + 1);
        recent.remember("unrouted", chat("c2"), 0, 100);

        assertThat(recent.take("large")).isEmpty();
        assertThat(recent.take("unrouted")).isEmpty();
        assertThat(recent.size()).isZero();
    }

    @Test
    void aFailedEnqueueLeavesNothingBehind() throws MalformedEventException {
        recent.remember("e1", chat("c1"), 3, 100);
        clock.advance(Duration.ofSeconds(1));

        recent.forget("e1");

        assertThat(recent.take("e1")).isEmpty();
    }

    private static ChatDataEvent chat(String conversation) throws MalformedEventException {
        return EventParser.parse(("{\"event\":\"chat\",\"conversation_id\":\"" + conversation + "\"}")
                .getBytes(StandardCharsets.UTF_8), null);
    }
}
