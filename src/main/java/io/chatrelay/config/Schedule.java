package io.chatrelay.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When a route may fire: inside one of its {@code active} intervals (any time when it has none),
 * and never inside one of its {@code mute} intervals. Judged once, when an event is accepted.
 */
public record Schedule(List<TimeIntervals> active, List<TimeIntervals> mute) {

    /** No intervals: the route fires whenever its conditions hold. */
    public static final Schedule ALWAYS = new Schedule(List.of(), List.of());

    public Schedule {
        active = List.copyOf(active);
        mute = List.copyOf(mute);
    }

    /** Whether a route with this schedule fires at {@code at}, and why. */
    public enum State { FIRES, SKIPPED, MUTED }

    /**
     * The judgement at one instant; {@code why} names the intervals that decided it ("inside weekend",
     * "outside office-hours", "inside lunch"), empty when the route has none.
     */
    public record Check(State state, String why) {
        public boolean fires() {
            return state == State.FIRES;
        }
    }

    /** Outside every active interval is said before inside a mute one: the route would not fire at that hour anyway. */
    public Check check(Instant at) {
        List<String> inside = names(active, at, true);
        if (!active.isEmpty() && inside.isEmpty()) {
            return new Check(State.SKIPPED, "outside " + String.join(", ", names(active, at, false)));
        }
        List<String> mutedBy = names(mute, at, true);
        if (!mutedBy.isEmpty()) {
            return new Check(State.MUTED, "inside " + String.join(", ", mutedBy));
        }
        List<String> why = new ArrayList<>();
        if (!inside.isEmpty()) {
            why.add("inside " + String.join(", ", inside));
        }
        if (!mute.isEmpty()) {
            why.add("outside " + String.join(", ", names(mute, at, false)));
        }
        return new Check(State.FIRES, String.join("; ", why));
    }

    private static List<String> names(List<TimeIntervals> intervals, Instant at, boolean holding) {
        return intervals.stream().filter(i -> i.holds(at) == holding).map(TimeIntervals::name).toList();
    }
}
