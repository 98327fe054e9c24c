package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.platform.Platforms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeIntervalConfigTest {

    private static final String HEAD = """
            chat_data: {signing_secrets: [x]}
            destinations:
              crm: {type: webhook, url: "https://crm.example.com/hook"}
            """;

    /** One named interval {@code office-hours} with the entry {@code entry}, and a route active in it. */
    private static String withEntry(String entry) {
        return HEAD + """
                time_intervals:
                  - name: office-hours
                    time_intervals:
                      - %s
                routes:
                  - {name: office, to: [crm], active_time_intervals: [office-hours]}
                """.formatted(entry);
    }

    private static List<String> problems(String yaml) {
        try {
            Platforms.loader(Map.of()).parse(yaml);
        } catch (InvalidConfigException e) {
            return e.problems().stream().filter(p -> !p.isWarning()).map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the config to be invalid");
    }

    private static List<String> warnings(String yaml) throws Exception {
        ConfigLoader loader = Platforms.loader(Map.of());
        java.nio.file.Path file = java.nio.file.Files.createTempFile("relay", ".yaml");
        try {
            java.nio.file.Files.writeString(file, yaml);
            return loader.check(file).warnings().stream().map(ConfigProblem::toString).toList();
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void anUnknownIntervalNameSaysWhichWasMeant() {
        assertThat(problems(HEAD + """
                time_intervals:
                  - {name: office-hours, time_intervals: [{weekdays: ['monday:friday']}]}
                  - {name: weekends, time_intervals: [{weekdays: [saturday, sunday]}]}
                routes:
                  - name: office
                    to: [crm]
                    active_time_intervals: [ofice-hours]
                    mute_time_intervals: [holidays]
                """)).containsExactly(
                "routes[0].active_time_intervals: unknown time interval 'ofice-hours': did you mean 'office-hours'? "
                        + "(line 10)",
                "routes[0].mute_time_intervals: unknown time interval 'holidays' (defined: office-hours, weekends) "
                        + "(line 11)");
    }

    @Test
    void aRouteNamingAnIntervalWithoutTheSectionIsToldToAddIt() {
        assertThat(problems(HEAD + """
                routes:
                  - {name: office, to: [crm], active_time_intervals: [office-hours]}
                """)).containsExactly("routes[0].active_time_intervals: unknown time interval 'office-hours': define "
                + "it in a top-level time_intervals section (see docs/time-intervals.md) (line 5)");
    }

    @Test
    void anUnknownZoneIsRefusedWithTheZoneMeant() {
        assertThat(problems(withEntry("{location: Europe/Berln}"))).containsExactly(
                "time_intervals[0].time_intervals[0].location: unknown time zone 'Europe/Berln': did you mean "
                        + "'Europe/Berlin'? (line 7)");
        assertThat(problems(withEntry("{location: '+01:00'}"))).containsExactly(
                "time_intervals[0].time_intervals[0].location: unknown time zone '+01:00': name an IANA zone such as "
                        + "Europe/Berlin, America/New_York or UTC (an offset like +01:00 does not follow daylight "
                        + "saving time) (line 7)");
    }

    @Test
    void malformedRangesSayWhatToWrite() {
        assertThat(problems(withEntry("{weekdays: [mon, 'friday:monday', 'tuesdy']}"))).containsExactly(
                "time_intervals[0].time_intervals[0].weekdays: 'mon' is not a weekday: write it in full, sunday to "
                        + "saturday (line 7)",
                "time_intervals[0].time_intervals[0].weekdays: 'friday:monday' runs backwards: weeks run sunday to "
                        + "saturday here, so list 'friday:saturday' and 'sunday:monday' (line 7)",
                "time_intervals[0].time_intervals[0].weekdays: 'tuesdy' is not a weekday: did you mean 'tuesday'? "
                        + "(line 7)");
        assertThat(problems(withEntry("{months: [decmber, 13, 'november:february']}"))).containsExactly(
                "time_intervals[0].time_intervals[0].months: 'decmber' is not a month: did you mean 'december'? "
                        + "(line 7)",
                "time_intervals[0].time_intervals[0].months: 13 is not a month: write 1 to 12, or january to december "
                        + "(line 7)",
                "time_intervals[0].time_intervals[0].months: 'november:february' runs backwards: list "
                        + "'november:december' and 'january:february' (line 7)");
        assertThat(problems(withEntry("{days_of_month: [0, 32, '-3:5', '20:10', '1:2:3'], years: ['2027:2026']}")))
                .containsExactly(
                "time_intervals[0].time_intervals[0].days_of_month: day 0 is not a day of the month: days run 1 to 31, "
                        + "or -1 (the last day of the month) to -31 (line 7)",
                "time_intervals[0].time_intervals[0].days_of_month: day 32 is not a day of the month: days run 1 to "
                        + "31, or -1 (the last day of the month) to -31 (line 7)",
                "time_intervals[0].time_intervals[0].days_of_month: '-3:5' starts counting from the end of the month, "
                        + "so it must end so too, e.g. '-3:-1' for the last three days (line 7)",
                "time_intervals[0].time_intervals[0].days_of_month: '20:10' runs backwards: the first day must not "
                        + "come after the last (line 7)",
                "time_intervals[0].time_intervals[0].days_of_month: '1:2:3' is not a range: write one value or "
                        + "start:end, e.g. monday:friday, 1:7, january:march (line 7)",
                "time_intervals[0].time_intervals[0].years: '2027:2026' runs backwards: write the earlier year first "
                        + "(line 7)");
    }

    @Test
    void timesAreHoursAndMinutesUpToMidnightAndEndAfterTheyStart() {
        assertThat(problems(withEntry("""
                times:
                          - {start_time: '9:00', end_time: '24:30'}
                          - {start_time: '22:00', end_time: '07:00'}
                          - {start_time: '08:00'}
                """))).containsExactly(
                "time_intervals[0].time_intervals[0].times[0].start_time: '9:00' is not a time: write HH:MM from 00:00 "
                        + "to 24:00, e.g. '09:00' (line 8)",
                "time_intervals[0].time_intervals[0].times[0].end_time: '24:30' is not a time: write HH:MM from 00:00 "
                        + "to 24:00, e.g. '09:00' or '17:30' (line 8)",
                "time_intervals[0].time_intervals[0].times[1].end_time: is not after start_time: a range ends on the "
                        + "day it starts (the end is not included; 24:00 is midnight), so for a night write two ranges, "
                        + "e.g. 22:00-24:00 and 00:00-07:00 (line 9)",
                "time_intervals[0].time_intervals[0].times[2].end_time: is required (line 10)");
    }

    @Test
    void anEmptyListIsRefusedRatherThanReadOtherwiseThanAlertmanagerReadsIt() {
        assertThat(problems(withEntry("{weekdays: [], times: []}"))).containsExactly(
                "time_intervals[0].time_intervals[0].times: is an empty list, which Alertmanager reads as never: "
                        + "remove the key to allow any time of day, or list some (line 7)",
                "time_intervals[0].time_intervals[0].weekdays: is an empty list, which Alertmanager reads as never: "
                        + "remove the key to allow any weekdays, or list some (line 7)");
    }

    @Test
    void namesAreUniqueAndKeysAreChecked() {
        assertThat(problems(HEAD + """
                time_intervals:
                  - {name: weekends, time_intervals: [{weekday: [saturday]}]}
                  - {name: weekends, time_intervals: [{weekdays: [sunday]}]}
                  - {name: nights}
                mute_time_intervals:
                  - {name: old, time_intervals: []}
                routes:
                  - {name: quiet, to: [crm], mute_time_intervals: [weekends, nights, weekends]}
                """)).containsExactly(
                "time_intervals[0].time_intervals[0].weekday: unknown key: did you mean 'weekdays'? (line 5)",
                "time_intervals[1].name: duplicate time interval name 'weekends' (first at line 5) (line 6)",
                "time_intervals[2].time_intervals: is required: a list of intervals, e.g. [{weekdays: [saturday, "
                        + "sunday]}] (line 7)",
                "mute_time_intervals: is Alertmanager's older name for this section: rename it time_intervals (a "
                        + "route's mute_time_intervals keeps its name) (line 8)",
                "routes[0].mute_time_intervals: time interval 'weekends' is listed twice (line 11)");
    }

    @Test
    void warnsOfAnIntervalThatCanNeverHoldOrThatNoRouteUses() throws Exception {
        assertThat(warnings(HEAD + """
                time_intervals:
                  - name: leap-day-ish
                    time_intervals:
                      - {months: [february, april], days_of_month: ['31']}
                      - {years: ['2020:2021']}
                  - {name: nothing, time_intervals: []}
                  - {name: spare, time_intervals: [{weekdays: [sunday]}]}
                routes:
                  - {name: r, to: [crm], active_time_intervals: [leap-day-ish], mute_time_intervals: [nothing]}
                """)).containsExactly(
                "time_intervals[0].time_intervals[0].days_of_month: no month it allows has that many days (the longest "
                        + "has 30), so this interval never holds: a route active in it never fires, and one muted in "
                        + "it is never muted (line 7)",
                "time_intervals[0].time_intervals[1].years: every year it allows is over, so this interval never "
                        + "holds: a route active in it never fires, and one muted in it is never muted (line 8)",
                "time_intervals[1].time_intervals: lists no interval, so nothing never holds: a route active in it "
                        + "never fires, and one muted in it is never muted (line 9)",
                "time_intervals[2].name: no route names this time interval, so it decides nothing: add 'spare' to a "
                        + "route's active_time_intervals or mute_time_intervals, or remove it (line 10)");
    }

    @Test
    void localIsTheMachinesZoneWithAWarning() throws Exception {
        assertThat(warnings(withEntry("{location: Local}"))).singleElement().asString()
                .startsWith("time_intervals[0].time_intervals[0].location: Local is the zone of the machine the relay "
                        + "runs on (here ")
                .endsWith("name the zone, e.g. Europe/Berlin, so the interval means the same wherever the relay runs "
                        + "(line 7)");
    }
}
