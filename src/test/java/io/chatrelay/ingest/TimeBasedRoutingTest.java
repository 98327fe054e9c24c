package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A relay routes by the hour its clock says when it accepts an event, and delivers what it accepted. */
class TimeBasedRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_TOKEN = "intervals-admin-token";

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
                admin: {token: "%s"}
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
                """.formatted(ADMIN_TOKEN, office.url("/office"), onCall.url("/on-call"))), clock);
    }

    @AfterEach
    void stop() {
        relay.close();
        office.close();
        onCall.close();
    }

    private int posted;
    private String lastId;

    /** Posts an escalation (each a different body: the same one again would be answered as a copy). */
    private int deliveries() throws Exception {
        Http.Reply reply = Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                RelayUnderTest.again(Fixtures.bytes("live-chat-escalation"), posted++));
        assertThat(reply.status()).isEqualTo(200);
        lastId = JSON.readTree(reply.body()).path("id").asText();
        return JSON.readTree(reply.body()).path("deliveries").asInt();
    }

    private int attemptsRecorded() {
        try {
            Http.Reply story = Http.execute(new Request.Builder()
                    .url("http://127.0.0.1:" + relay.port() + "/admin/events/" + lastId)
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).build());
            return JSON.readTree(story.body()).path("deliveries").path(0).path("attempts").asInt();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
    void theEventsStoryKeepsWhatTheIntervalsDecidedAtAcceptance() throws Exception {
        deliveries(); // Saturday 21:00 CEST
        clock.set("2026-10-26T08:30:00Z"); // the story is read on Monday morning: it still says Saturday's

        Http.Reply story = Http.execute(new Request.Builder()
                .url("http://127.0.0.1:" + relay.port() + "/admin/events/" + lastId)
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build());

        assertThat(JSON.readTree(story.body()).path("routing")).extracting(JsonNode::asText).containsExactly(
                "route office-hours skipped: outside office-hours", "route after-hours matched (outside office-hours)");
    }

    @Test
    void aRetryAfterTheHourChangedStillGoesWhereTheEventWasRoutedOnAcceptance() throws Exception {
        onCall.then(Sink.status(503, "busy"));
        clock.set("2026-10-26T07:59:50Z"); // Monday 08:59:50 CET

        assertThat(deliveries()).isEqualTo(1);
        assertThat(onCall.take().getTarget()).as("the first attempt").isEqualTo("/on-call");
        // a clock moved while the outcome is being recorded would pass the recording's deadline: the
        // relay would give up on it (as it must once the lease's margin has passed) and wait out the lease
        Eventually.holds("the first attempt's outcome is recorded", () -> attemptsRecorded() == 1);
        clock.set("2026-10-26T08:00:05Z"); // 09:00:05: office hours, within the first attempt's lease

        assertThat(onCall.take().getTarget()).as("the retry").isEqualTo("/on-call");
        assertThat(deliveries()).as("an escalation accepted now").isEqualTo(1);
        assertThat(office.take().getTarget()).isEqualTo("/office");
        assertThat(onCall.requestCount()).isEqualTo(2);
    }
}
