package io.chatrelay.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Office hours to Slack; nights and weekends to the on-call phone and mail, by Berlin's clock. */
class TimeBasedRoutesTest {

    static final String AFTER_HOURS = """
            chat_data: {signing_secrets: [x]}
            destinations:
              support-slack: {type: slack, webhook_url: "https://hooks.slack.com/services/T/B/X"}
              on-call-whatsapp:
                type: whatsapp
                phone_number_id: "106540352242922"
                access_token: token
                to: ["+15551234567"]
              on-call-mail:
                type: email
                smtp: {host: smtp.example.com, username: relay@example.com, password: pw}
                from: relay@example.com
                to: [oncall@example.com]
            time_intervals:
              - name: office-hours
                time_intervals:
                  - weekdays: ['monday:friday']
                    times: [{start_time: '09:00', end_time: '18:00'}]
                    location: Europe/Berlin
              - name: nights-and-weekends
                time_intervals:
                  - weekdays: ['monday:friday']
                    times: [{start_time: '00:00', end_time: '09:00'}, {start_time: '18:00', end_time: '24:00'}]
                    location: Europe/Berlin
                  - weekdays: [saturday, sunday]
                    location: Europe/Berlin
              - name: lunch
                time_intervals:
                  - times: [{start_time: '12:00', end_time: '13:00'}]
                    location: Europe/Berlin
            routes:
              - name: office-hours
                match: {event: live-chat-escalation}
                to: [support-slack]
                active_time_intervals: [office-hours]
                mute_time_intervals: [lunch]
              - name: after-hours
                match: {event: live-chat-escalation}
                to: [on-call-whatsapp, on-call-mail]
                active_time_intervals: [nights-and-weekends]
            """;

    private static final ChatDataEvent ESCALATION = escalation();

    private final RoutingTable table = RoutingTable.of(config());

    private static RelayConfig config() {
        try {
            return Platforms.loader(Map.of()).parse(AFTER_HOURS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ChatDataEvent escalation() {
        try {
            return EventParser.parse(Fixtures.bytes("live-chat-escalation"), null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<String> reached(String instant) {
        return table.match(ESCALATION, Instant.parse(instant)).stream().map(Target::destination).toList();
    }

    @Test
    void aSaturdayEveningEscalationReachesOnlyTheOnCallPhoneAndMailAcrossTheFallBackWeekend() {
        assertThat(reached("2026-10-24T19:00:00Z")).as("Saturday 21:00 CEST, the night the clocks go back")
                .containsExactly("on-call-whatsapp/+15551234567", "on-call-mail");
        assertThat(reached("2026-10-26T08:30:00Z")).as("Monday 09:30 CET").containsExactly("support-slack");
        assertThat(reached("2026-10-26T07:30:00Z")).as("Monday 08:30 CET: 09:30 by summer's offset")
                .containsExactly("on-call-whatsapp/+15551234567", "on-call-mail");
    }

    @Test
    void aMondayMorningEscalationReachesOnlySlackAcrossTheSpringForwardWeekend() {
        assertThat(reached("2026-03-28T18:00:00Z")).as("Saturday 19:00 CET")
                .containsExactly("on-call-whatsapp/+15551234567", "on-call-mail");
        assertThat(reached("2026-03-30T07:30:00Z")).as("Monday 09:30 CEST: 08:30 by winter's offset")
                .containsExactly("support-slack");
        assertThat(reached("2026-03-30T16:00:00Z")).as("Monday 18:00 CEST")
                .containsExactly("on-call-whatsapp/+15551234567", "on-call-mail");
    }

    @Test
    void everyInstantOfAWeekReachesSomeoneAndNeverBothTeams() {
        Instant monday = Instant.parse("2026-10-19T00:00:00Z");
        for (int minutes = 0; minutes < 8 * 24 * 60; minutes += 15) {
            List<String> reached = table.match(ESCALATION, monday.plusSeconds(minutes * 60L)).stream()
                    .map(Target::destination).toList();
            boolean lunch = table.explain(ESCALATION, monday.plusSeconds(minutes * 60L)).reasons()
                    .contains("route office-hours muted: inside lunch");
            assertThat(reached.contains("support-slack") && reached.contains("on-call-mail")).isFalse();
            assertThat(reached.isEmpty()).as("%d minutes after Monday 00:00 UTC", minutes).isEqualTo(lunch);
        }
    }

    @Test
    void explainsEachRouteWithTheIntervalsThatDecidedIt() {
        RoutingTable.Explanation night = table.explain(ESCALATION, Instant.parse("2026-12-24T21:00:00Z"));
        RoutingTable.Explanation lunch = table.explain(ESCALATION, Instant.parse("2026-12-22T11:30:00Z"));

        assertThat(night.reasons()).containsExactly("route office-hours skipped: outside office-hours",
                "route after-hours matched (inside nights-and-weekends)");
        assertThat(lunch.reasons()).containsExactly("route office-hours muted: inside lunch",
                "route after-hours skipped: outside nights-and-weekends");
        assertThat(lunch.targets()).isEmpty();
        assertThat(night.targets()).isEqualTo(table.match(ESCALATION, Instant.parse("2026-12-24T21:00:00Z")));
    }

    @Test
    void aRouteThatMissesItsConditionsSaysSoWhateverTheHour() {
        ChatDataEvent chat = escalationAs("chat");

        assertThat(table.explain(chat, Instant.parse("2026-12-22T09:00:00Z")).reasons())
                .containsExactly("route office-hours missed: event", "route after-hours missed: event");
    }

    private static ChatDataEvent escalationAs(String type) {
        try {
            return EventParser.parse(Fixtures.bytes(type), null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
