package io.chatrelay.config;

import io.chatrelay.config.TimeInterval.Range;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Alertmanager's syntax for the fields of a time interval: a value or an inclusive {@code start:end}
 * range of weekdays ({@code monday:friday}), days of the month ({@code 1:7}, {@code -1} for the
 * last), months ({@code january:march} or {@code 1:3}) and years, and {@code HH:MM} times. Names
 * are read in any case. Each method throws {@link IllegalArgumentException} with a message that says
 * what to write instead.
 */
final class IntervalSyntax {

    static final List<String> WEEKDAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday");
    static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");
    private static final Pattern TIME = Pattern.compile("(([01][0-9])|(2[0-3])):[0-5][0-9]|24:00");
    private static final Pattern UNPADDED = Pattern.compile("[0-9]:[0-5][0-9]");
    private static final String DAYS = "days run 1 to 31, or -1 (the last day of the month) to -31";

    private IntervalSyntax() {}

    static Range weekdays(String text) {
        Range range = range(text, IntervalSyntax::weekday);
        if (range.start() > range.end()) {
            throw new IllegalArgumentException(backwards(text) + ": weeks run sunday to saturday here, so list '"
                    + WEEKDAYS.get(range.start()) + ":saturday' and 'sunday:" + WEEKDAYS.get(range.end()) + "'");
        }
        return range;
    }

    static Range months(String text) {
        Range range = range(text, IntervalSyntax::month);
        if (range.start() > range.end()) {
            throw new IllegalArgumentException(backwards(text) + ": list '" + MONTHS.get(range.start() - 1)
                    + ":december' and 'january:" + MONTHS.get(range.end() - 1) + "'");
        }
        return range;
    }

    static Range daysOfMonth(String text) {
        Range range = range(text, IntervalSyntax::day);
        if (range.start() < 0 && range.end() > 0) {
            throw new IllegalArgumentException("'" + text + "' starts counting from the end of the month, so it must "
                    + "end so too, e.g. '-3:-1' for the last three days");
        }
        // as Alertmanager: a negative day is judged in the shortest month, where it comes earliest
        int start = range.start() < 0 ? 28 + range.start() : range.start();
        int end = range.end() < 0 ? 28 + range.end() : range.end();
        if (start > end) {
            throw new IllegalArgumentException(backwards(text) + ": the first day must not come after the last");
        }
        return range;
    }

    static Range years(String text) {
        Range range = range(text, IntervalSyntax::year);
        if (range.start() > range.end()) {
            throw new IllegalArgumentException(backwards(text) + ": write the earlier year first");
        }
        return range;
    }

    /** Minutes since midnight of {@code HH:MM}, {@code 00:00} to {@code 24:00}. */
    static int minute(String text) {
        String trimmed = text.trim();
        if (!TIME.matcher(trimmed).matches()) {
            String example = UNPADDED.matcher(trimmed).matches() ? "'0" + trimmed + "'" : "'09:00' or '17:30'";
            throw new IllegalArgumentException("'" + text + "' is not a time: write HH:MM from 00:00 to 24:00, e.g. "
                    + example);
        }
        return Integer.parseInt(trimmed.substring(0, 2)) * 60 + Integer.parseInt(trimmed.substring(3));
    }

    private static Range range(String text, Function<String, Integer> member) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("'" + text + "' is not a range: write one value or start:end, e.g. "
                    + "monday:friday, 1:7, january:march");
        }
        int start = member.apply(parts[0].trim());
        return new Range(start, parts.length == 1 ? start : member.apply(parts[1].trim()));
    }

    private static int weekday(String name) {
        int index = WEEKDAYS.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("'" + name + "' is not a weekday: " + Closest.to(name, WEEKDAYS)
                    .orElse("write it in full, sunday to saturday"));
        }
        return index;
    }

    private static int month(String name) {
        int index = MONTHS.indexOf(name);
        if (index >= 0) {
            return index + 1;
        }
        int number = number(name, () -> "'" + name + "' is not a month: " + Closest.to(name, MONTHS)
                .orElse("write january to december, or 1 to 12"));
        if (number < 1 || number > 12) {
            throw new IllegalArgumentException(number + " is not a month: write 1 to 12, or january to december");
        }
        return number;
    }

    private static int day(String text) {
        int day = number(text, () -> "'" + text + "' is not a day of the month: " + DAYS);
        if (day == 0 || day < -31 || day > 31) {
            throw new IllegalArgumentException("day " + day + " is not a day of the month: " + DAYS);
        }
        return day;
    }

    private static int year(String text) {
        int year = number(text, () -> "'" + text + "' is not a year: write it in full, e.g. 2026");
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException(year + " is not a year: write it in full, e.g. 2026");
        }
        return year;
    }

    private static int number(String text, java.util.function.Supplier<String> otherwise) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(otherwise.get(), e);
        }
    }

    private static String backwards(String text) {
        return "'" + text + "' runs backwards";
    }
}
