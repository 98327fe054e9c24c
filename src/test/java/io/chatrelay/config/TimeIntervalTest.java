package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.platform.Platforms;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alertmanager's meaning of a time interval, judged by the zone's own clock across daylight saving changes. */
class TimeIntervalTest {

    /** The named interval {@code body} describes (one interval entry per line of YAML), as the config loader reads it. */
    private static TimeIntervals interval(String body) throws Exception {
        String yaml = """
                chat_data: {signing_secrets: [x]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                time_intervals:
                  - name: tested
                    time_intervals:
                %s
                routes:
                  - {name: timed, to: [crm], active_time_intervals: [tested]}
                """.formatted(body.indent(6).stripTrailing());
        return Platforms.loader(Map.of()).parse(yaml).routes().get(0).schedule().active().get(0);
    }

    private static boolean holds(TimeIntervals interval, String instant) {
        return interval.holds(Instant.parse(instant));
    }

    @Test
    void officeHoursFollowBerlinsClockAcrossTheSpringForwardNight() throws Exception {
        TimeIntervals office = interval("""
                - weekdays: ['monday:friday']
                  times: [{start_time: '09:00', end_time: '17:00'}]
                  location: Europe/Berlin
                """);

        assertThat(holds(office, "2026-03-27T07:30:00Z")).as("Friday 08:30 CET").isFalse();
        assertThat(holds(office, "2026-03-27T08:30:00Z")).as("Friday 09:30 CET").isTrue();
        assertThat(holds(office, "2026-03-30T07:30:00Z")).as("Monday 09:30 CEST").isTrue();
        assertThat(holds(office, "2026-03-30T14:59:00Z")).as("Monday 16:59 CEST").isTrue();
        assertThat(holds(office, "2026-03-30T15:00:00Z")).as("Monday 17:00 CEST: the end is not included").isFalse();
        assertThat(holds(office, "2026-03-28T09:00:00Z")).as("Saturday 10:00 CET").isFalse();
    }

    @Test
    void officeHoursFollowBerlinsClockAcrossTheFallBackNight() throws Exception {
        TimeIntervals office = interval("""
                - weekdays: ['monday:friday']
                  times: [{start_time: '09:00', end_time: '17:00'}]
                  location: Europe/Berlin
                """);

        assertThat(holds(office, "2026-10-23T07:30:00Z")).as("Friday 09:30 CEST").isTrue();
        assertThat(holds(office, "2026-10-26T07:30:00Z")).as("Monday 08:30 CET").isFalse();
        assertThat(holds(office, "2026-10-26T08:30:00Z")).as("Monday 09:30 CET").isTrue();
        assertThat(holds(office, "2026-10-26T15:59:00Z")).as("Monday 16:59 CET").isTrue();
    }

    @Test
    void anHourTheClocksSkipNeverHoldsAndAnHourTheyRepeatHoldsTwice() throws Exception {
        TimeIntervals twoToThree = interval("""
                - times: [{start_time: '02:00', end_time: '03:00'}]
                  location: Europe/Berlin
                """);

        assertThat(holds(twoToThree, "2026-03-29T00:59:00Z")).as("01:59 CET, before the clocks go forward").isFalse();
        assertThat(holds(twoToThree, "2026-03-29T01:00:00Z")).as("03:00 CEST, right after them").isFalse();
        assertThat(holds(twoToThree, "2026-10-25T00:30:00Z")).as("02:30 CEST, the first time").isTrue();
        assertThat(holds(twoToThree, "2026-10-25T01:30:00Z")).as("02:30 CET, the second time").isTrue();
        assertThat(holds(twoToThree, "2026-10-25T02:00:00Z")).as("03:00 CET").isFalse();
    }

    @Test
    void aWeekendInNewYorkEndsAtItsMidnightInSummerAndInWinter() throws Exception {
        TimeIntervals weekend = interval("""
                - weekdays: [saturday, sunday]
                  location: America/New_York
                """);

        assertThat(holds(weekend, "2026-03-09T03:30:00Z")).as("Sunday 23:30 EDT, the day after spring forward").isTrue();
        assertThat(holds(weekend, "2026-03-09T04:30:00Z")).as("Monday 00:30 EDT").isFalse();
        assertThat(holds(weekend, "2026-11-02T04:30:00Z")).as("Sunday 23:30 EST, the day after fall back").isTrue();
        assertThat(holds(weekend, "2026-11-02T05:30:00Z")).as("Monday 00:30 EST").isFalse();
        assertThat(holds(weekend, "2026-11-07T05:00:00Z")).as("Saturday 00:00 EST").isTrue();
    }

    @Test
    void withoutALocationTheClockIsUtcAndTheDayEndsAtTwentyFour() throws Exception {
        TimeIntervals evening = interval("""
                - times: [{start_time: '17:00', end_time: '24:00'}]
                """);

        assertThat(holds(evening, "2026-06-01T16:59:00Z")).isFalse();
        assertThat(holds(evening, "2026-06-01T17:00:00Z")).isTrue();
        assertThat(holds(evening, "2026-06-01T23:59:59Z")).isTrue();
        assertThat(holds(evening, "2026-06-02T00:00:00Z")).isFalse();
    }

    @Test
    void aNegativeDayCountsFromTheEndOfEachMonth() throws Exception {
        TimeIntervals lastDay = interval("""
                - days_of_month: ['-1']
                """);
        TimeIntervals lastThree = interval("""
                - days_of_month: ['-3:-1']
                """);

        assertThat(holds(lastDay, "2026-01-31T12:00:00Z")).isTrue();
        assertThat(holds(lastDay, "2026-01-30T12:00:00Z")).isFalse();
        assertThat(holds(lastDay, "2026-02-28T12:00:00Z")).isTrue();
        assertThat(holds(lastDay, "2028-02-28T12:00:00Z")).as("a leap year").isFalse();
        assertThat(holds(lastDay, "2028-02-29T12:00:00Z")).isTrue();
        assertThat(holds(lastThree, "2026-04-28T12:00:00Z")).isTrue();
        assertThat(holds(lastThree, "2026-04-27T12:00:00Z")).isFalse();
    }

    @Test
    void everyFieldGivenMustHoldAndAnyEntryWillDo() throws Exception {
        TimeIntervals holidays = interval("""
                - months: ['December']
                  days_of_month: ['24:26', '31']
                  years: ['2026:2027']
                - months: ['january']
                  days_of_month: ['1']
                """);

        assertThat(holds(holidays, "2026-12-25T12:00:00Z")).isTrue();
        assertThat(holds(holidays, "2026-12-31T12:00:00Z")).isTrue();
        assertThat(holds(holidays, "2026-12-27T12:00:00Z")).as("not one of the days").isFalse();
        assertThat(holds(holidays, "2028-12-25T12:00:00Z")).as("not one of the years").isFalse();
        assertThat(holds(holidays, "2030-01-01T12:00:00Z")).as("the second entry has no years").isTrue();
        assertThat(holds(holidays, "2030-02-01T12:00:00Z")).isFalse();
    }

    @Test
    void rangesOfMonthsAndDaysIncludeBothEnds() throws Exception {
        TimeIntervals quarter = interval("""
                - months: ['january:march', '12']
                  days_of_month: ['1:5']
                """);

        assertThat(holds(quarter, "2026-01-01T00:00:00Z")).isTrue();
        assertThat(holds(quarter, "2026-03-05T23:59:00Z")).isTrue();
        assertThat(holds(quarter, "2026-03-06T00:00:00Z")).isFalse();
        assertThat(holds(quarter, "2026-04-02T00:00:00Z")).isFalse();
        assertThat(holds(quarter, "2026-12-03T00:00:00Z")).isTrue();
    }

    @Test
    void unquotedRangesReadAsWrittenNotAsSexagesimalNumbers() throws Exception {
        TimeIntervals morning = interval("""
                - times: [{start_time: 09:00, end_time: 12:30}]
                  days_of_month: [1:5]
                  years: [2026:2027]
                """);

        assertThat(holds(morning, "2026-06-03T12:29:00Z")).isTrue();
        assertThat(holds(morning, "2026-06-03T08:59:00Z")).isFalse();
        assertThat(holds(morning, "2027-06-03T09:00:00Z")).isTrue();
    }
}
