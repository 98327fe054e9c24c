package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A relay routes by the hour its clock says when it accepts an event, and delivers what it accepted. */
class TimeBasedRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Sink office = Sink.ok();
    private final Sink onCall = Sink.ok();
    private final ManualClock clock = new ManualClock();
    private Relay relay;

    @BeforeEach
    void start() throws Exception {
        clock.set("2026-10-24T19:00:00Z"); // Saturday evening in Berlin; it runs on, so retries come due
        relay = Relay.start(RelayUnderTest.config(dir, """
                delivery: {backoff: {initial: 50ms, max: 100ms}}
                destinations:
                  office: {type: webhook, url: "%s"}
                  on-call: {type: webhook, url: "%s"}
                time_intervals:
                  - name: office-hours
                    time_intervals:
                      - {weekdays: ['monday:friday'], times: [{start_time: '09:00', end_time: '18:00'}], location: Europe/Berlin}
                routes:
                  - {name: office-hours, match: {event: live-chat-escalation}, to: [office], active_time_intervals: [office-hours]}
                  - {name: after-hours, match: {event: live-chat-escalation}, to: [on-call], mute_time_intervals: [office-hours]}
                """.formatted(office.url("/office"), onCall.url("/on-call"))), clock);
    }

    @AfterEach
    void stop() {
        relay.close();
        office.close();
        onCall.close();
    }

    private int posted;

    /** Posts an escalation (each a different body: the same one again would be answered as a copy). */
    private int deliveries() throws Exception {
        Http.Reply reply = Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                RelayUnderTest.again(Fixtures.bytes("live-chat-escalation"), posted++));
        assertThat(reply.status()).isEqualTo(200);
        return JSON.readTree(reply.body()).path("deliveries").asInt();
    }

    @Test
    void aSaturdayEveningEscalationGoesOnCallAndAMondayMorningOneToTheOfficeAcrossTheClockChange() throws Exception {
        assertThat(deliveries()).as("Saturday 21:00 CEST").isEqualTo(1);
        assertThat(onCall.take().getTarget()).isEqualTo("/on-call");
        Eventually.holds("the delivery is recorded before two days pass", () -> relay.pendingDeliveries() == 0);

        clock.set("2026-10-26T08:30:00Z");
        assertThat(deliveries()).as("Monday 09:30 CET").isEqualTo(1);
        assertThat(office.take().getTarget()).isEqualTo("/office");

        assertThat(onCall.requestCount()).isEqualTo(1);
        assertThat(office.requestCount()).isEqualTo(1);
    }

    @Test
    void aRetryAfterTheHourChangedStillGoesWhereTheEventWasRoutedOnAcceptance() throws Exception {
        onCall.then(Sink.status(503, "busy"));
        clock.set("2026-10-26T07:59:50Z"); // Monday 08:59:50 CET

        assertThat(deliveries()).isEqualTo(1);
        assertThat(onCall.take().getTarget()).as("the first attempt").isEqualTo("/on-call");
        clock.set("2026-10-26T08:00:05Z"); // 09:00:05: office hours, within the first attempt's lease

        assertThat(onCall.take().getTarget()).as("the retry").isEqualTo("/on-call");
        assertThat(deliveries()).as("an escalation accepted now").isEqualTo(1);
        assertThat(office.take().getTarget()).isEqualTo("/office");
        assertThat(onCall.requestCount()).isEqualTo(2);
    }
}
