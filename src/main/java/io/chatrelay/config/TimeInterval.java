package io.chatrelay.config;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One entry of a named time interval, in Alertmanager's terms and with its meaning: it holds at an
 * instant when every field given holds for the wall-clock time at {@code location} (an empty list is
 * a field not given). The zone's rules decide the wall-clock time, so daylight saving time needs no
 * special case: {@code 09:00-17:00} in {@code Europe/Berlin} follows Berlin's clocks all year.
 */
public record TimeInterval(List<Minutes> times, List<Range> weekdays, List<Range> daysOfMonth, List<Range> months,
                           List<Range> years, ZoneId location) {

    /** Minutes of the day from {@code start} (inclusive) to {@code end} (exclusive): {@code 17:00-24:00} is 1020-1440. */
    public record Minutes(int start, int end) {
        boolean contains(int minute) {
            return minute >= start && minute < end;
        }
    }

    /**
     * An inclusive range of numbers: weekdays 0 (sunday) to 6 (saturday), days of the month 1 to 31 or
     * -1 (the last day) to -31, months 1 to 12, years.
     */
    public record Range(int start, int end) {
        boolean contains(int value) {
            return value >= start && value <= end;
        }
    }

    public TimeInterval {
        times = List.copyOf(times);
        weekdays = List.copyOf(weekdays);
        daysOfMonth = List.copyOf(daysOfMonth);
        months = List.copyOf(months);
        years = List.copyOf(years);
    }

    public boolean holds(Instant at) {
        ZonedDateTime local = at.atZone(location);
        int minute = local.getHour() * 60 + local.getMinute();
        return (times.isEmpty() || times.stream().anyMatch(m -> m.contains(minute)))
                && (weekdays.isEmpty() || weekdays.stream().anyMatch(r -> r.contains(weekday(local))))
                && (daysOfMonth.isEmpty() || daysOfMonth.stream().anyMatch(r -> holdsOnDay(r, local)))
                && (months.isEmpty() || months.stream().anyMatch(r -> r.contains(local.getMonthValue())))
                && (years.isEmpty() || years.stream().anyMatch(r -> r.contains(local.getYear())));
    }

    /** Alertmanager counts weekdays from sunday (0) to saturday (6). */
    static int weekday(ZonedDateTime local) {
        return local.getDayOfWeek().getValue() % 7;
    }

    /**
     * As Alertmanager: a negative day counts from the month's end ({@code -1} is its last day), a range
     * that starts after the month's last day is not in it, and one that runs past it ends with it.
     */
    private static boolean holdsOnDay(Range range, ZonedDateTime local) {
        int length = YearMonth.from(local).lengthOfMonth();
        int start = range.start() < 0 ? length + range.start() + 1 : range.start();
        int end = range.end() < 0 ? length + range.end() + 1 : range.end();
        if (start > length) {
            return false;
        }
        int day = local.getDayOfMonth();
        return day >= Math.max(start, -length) && day <= Math.min(end, length);
    }
}
