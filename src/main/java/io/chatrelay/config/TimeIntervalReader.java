package io.chatrelay.config;

import io.chatrelay.config.TimeInterval.Minutes;
import io.chatrelay.config.TimeInterval.Range;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the top-level {@code time_intervals} list, written as in Alertmanager's config so a block
 * can be copied from one: {@code - name: ..., time_intervals: [{times, weekdays, days_of_month,
 * months, years, location}]}.
 */
final class TimeIntervalReader {

    /** Alertmanager's word for the zone of the machine it runs on. */
    static final String LOCAL = "Local";
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final Fields root;
    private final Map<String, Fields> declared = new LinkedHashMap<>();

    TimeIntervalReader(Fields root) {
        this.root = root;
    }

    /** The named intervals, by name, in the config's order. */
    Map<String, TimeIntervals> read() {
        if (root.has("mute_time_intervals")) {
            root.raw("mute_time_intervals");
            root.problem("mute_time_intervals", "is Alertmanager's older name for this section: rename it "
                    + "time_intervals (a route's mute_time_intervals keeps its name)");
        }
        Optional<Node> node = root.raw("time_intervals");
        if (node.isEmpty() || (node.get() instanceof Node.Scalar scalar && scalar.text() == null)) {
            return Map.of();
        }
        if (!(node.get() instanceof Node.Sequence sequence)) {
            root.problem("time_intervals", "expected a list of named intervals: - name: weekends, time_intervals: "
                    + "[{weekdays: [saturday, sunday]}]");
            return Map.of();
        }
        Map<String, TimeIntervals> intervals = new LinkedHashMap<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            String path = "time_intervals[" + i + "]";
            Node item = sequence.items().get(i);
            if (!(item instanceof Node.Mapping mapping)) {
                root.problems().add(path, item.line(), "expected a mapping with name and time_intervals");
                continue;
            }
            Fields fields = root.child(path, mapping);
            Optional<String> name = fields.requiredString("name");
            List<TimeInterval> entries = entries(fields, name.orElse("this interval"));
            fields.finish();
            name.ifPresent(n -> {
                if (declared.containsKey(n)) {
                    fields.problem("name", "duplicate time interval name '" + n + "' (first at line "
                            + declared.get(n).lineOf("name") + ")");
                } else {
                    declared.put(n, fields);
                    intervals.put(n, new TimeIntervals(n, entries));
                }
            });
        }
        return intervals;
    }

    /** An interval no route names decides nothing: meant for a route that lost it, or left over. */
    void warnUnused(List<RouteConfig> routes) {
        Set<String> used = new HashSet<>();
        routes.forEach(route -> {
            route.schedule().active().forEach(interval -> used.add(interval.name()));
            route.schedule().mute().forEach(interval -> used.add(interval.name()));
        });
        declared.forEach((name, fields) -> {
            if (!used.contains(name)) {
                fields.warn("name", "no route names this time interval, so it decides nothing: add '" + name
                        + "' to a route's active_time_intervals or mute_time_intervals, or remove it");
            }
        });
    }

    private static List<TimeInterval> entries(Fields named, String name) {
        Optional<Node> node = named.raw("time_intervals");
        if (node.isEmpty()) {
            named.problem("time_intervals", "is required: a list of intervals, e.g. [{weekdays: [saturday, sunday]}]");
            return List.of();
        }
        if (!(node.get() instanceof Node.Sequence sequence)) {
            named.problem("time_intervals", "expected a list of intervals, e.g. [{weekdays: ['monday:friday'], "
                    + "times: [{start_time: '09:00', end_time: '17:00'}]}]");
            return List.of();
        }
        if (sequence.items().isEmpty()) {
            named.warn("time_intervals", "lists no interval, so " + name + " never holds: a route active in it never "
                    + "fires, and one muted in it is never muted");
        }
        List<TimeInterval> entries = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            String path = named.pathOf("time_intervals") + "[" + i + "]";
            Node item = sequence.items().get(i);
            if (!(item instanceof Node.Mapping mapping)) {
                named.problems().add(path, item.line(), "expected a mapping of times, weekdays, days_of_month, months, "
                        + "years and location");
                continue;
            }
            Fields fields = named.child(path, mapping);
            entries.add(entry(fields));
            fields.finish();
        }
        return entries;
    }

    private static TimeInterval entry(Fields fields) {
        TimeInterval interval = new TimeInterval(times(fields), ranges(fields, "weekdays", IntervalSyntax::weekdays),
                ranges(fields, "days_of_month", IntervalSyntax::daysOfMonth),
                ranges(fields, "months", IntervalSyntax::months), ranges(fields, "years", IntervalSyntax::years),
                location(fields));
        warnIfNever(fields, interval);
        return interval;
    }

    private static List<Range> ranges(Fields fields, String key, Function<String, Range> syntax) {
        refuseEmptyList(fields, key);
        List<Range> ranges = new ArrayList<>();
        for (String text : fields.strings(key)) {
            try {
                ranges.add(syntax.apply(text));
            } catch (IllegalArgumentException e) {
                fields.problem(key, e.getMessage());
            }
        }
        return ranges;
    }

    /**
     * {@code weekdays: []} is never in Alertmanager and would read as "any day" here: refused, so a
     * copied block never means something else.
     */
    private static void refuseEmptyList(Fields fields, String key) {
        if (fields.raw(key).filter(node -> node instanceof Node.Sequence sequence && sequence.items().isEmpty())
                .isPresent()) {
            fields.problem(key, "is an empty list, which Alertmanager reads as never: remove the key to allow any "
                    + (key.equals("times") ? "time of day" : key.replace('_', ' ')) + ", or list some");
        }
    }

    private static List<Minutes> times(Fields fields) {
        refuseEmptyList(fields, "times");
        Optional<Node> node = fields.raw("times");
        if (node.isEmpty()) {
            return List.of();
        }
        List<Node> items = node.get() instanceof Node.Sequence sequence ? sequence.items() : List.of(node.get());
        List<Minutes> times = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Node.Mapping mapping)) {
                fields.problems().add(fields.pathOf("times") + "[" + i + "]", items.get(i).line(),
                        "expected {start_time: 'HH:MM', end_time: 'HH:MM'}");
                continue;
            }
            Fields range = fields.child(fields.pathOf("times") + "[" + i + "]", mapping);
            Optional<Integer> start = minute(range, "start_time");
            Optional<Integer> end = minute(range, "end_time");
            range.finish();
            if (start.isPresent() && end.isPresent()) {
                if (end.get() <= start.get()) {
                    range.problem("end_time", "is not after start_time: a range ends on the day it starts (the end "
                            + "is not included; 24:00 is midnight), so for a night write two ranges, e.g. 22:00-24:00 "
                            + "and 00:00-07:00");
                } else {
                    times.add(new Minutes(start.get(), end.get()));
                }
            }
        }
        return times;
    }

    private static Optional<Integer> minute(Fields range, String key) {
        Optional<String> text = range.requiredString(key);
        try {
            return text.map(IntervalSyntax::minute);
        } catch (IllegalArgumentException e) {
            range.problem(key, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * An IANA zone ({@code Europe/Berlin}), {@code UTC} when absent, or {@code Local}: the zone of the
     * machine the relay runs on, as in Alertmanager (accepted, with a warning: a container's zone is
     * usually UTC). A fixed offset is refused: it does not follow daylight saving time.
     */
    private static ZoneId location(Fields fields) {
        Optional<String> text = fields.string("location").map(String::trim).filter(t -> !t.isEmpty());
        if (text.isEmpty()) {
            return UTC;
        }
        String zone = text.get();
        if (zone.equals(LOCAL)) {
            ZoneId local = ZoneId.systemDefault();
            fields.warn("location", "Local is the zone of the machine the relay runs on (here " + local.getId()
                    + "; a container's is usually UTC): name the zone, e.g. Europe/Berlin, so the interval means the "
                    + "same wherever the relay runs");
            return local;
        }
        if (ZoneId.getAvailableZoneIds().contains(zone)) {
            return ZoneId.of(zone);
        }
        fields.problem("location", "unknown time zone '" + zone + "': " + Closest.to(zone, ZoneId.getAvailableZoneIds())
                .orElse("name an IANA zone such as Europe/Berlin, America/New_York or UTC (an offset like +01:00 "
                        + "does not follow daylight saving time)"));
        return UTC;
    }

    /**
     * Warns of the clear cases of an interval that can never hold: days of the month that none of its
     * months has (31 in february), years that are over.
     */
    private static void warnIfNever(Fields fields, TimeInterval interval) {
        String consequence = ", so this interval never holds: a route active in it never fires, and one muted in it is "
                + "never muted";
        int longest = longestMonth(interval.months());
        if (!interval.daysOfMonth().isEmpty() && interval.daysOfMonth().stream().allMatch(r -> r.start() > longest)) {
            fields.warn("days_of_month", "no month it allows has " + (interval.months().isEmpty() ? "" : "that many ")
                    + "days (the longest has " + longest + ")" + consequence);
        }
        // the year it is now where it is earliest (UTC-12): a year is over only once it is over everywhere
        int thisYear = Year.now(ZoneOffset.ofHours(-12)).getValue();
        if (!interval.years().isEmpty() && interval.years().stream().allMatch(r -> r.end() < thisYear)) {
            fields.warn("years", "every year it allows is over" + consequence);
        }
    }

    private static int longestMonth(List<Range> months) {
        if (months.isEmpty()) {
            return 31;
        }
        int longest = 0;
        for (Range range : months) {
            for (int month = range.start(); month <= range.end(); month++) {
                longest = Math.max(longest, Month.of(month).maxLength());
            }
        }
        return longest;
    }
}
