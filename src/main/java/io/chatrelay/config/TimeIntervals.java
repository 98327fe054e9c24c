package io.chatrelay.config;

import java.time.Instant;
import java.util.List;

/**
 * A named entry of the config's {@code time_intervals}: it holds when any of its intervals holds
 * (none listed: it never holds).
 */
public record TimeIntervals(String name, List<TimeInterval> intervals) {

    public TimeIntervals {
        intervals = List.copyOf(intervals);
    }

    public boolean holds(Instant at) {
        return intervals.stream().anyMatch(interval -> interval.holds(at));
    }
}
