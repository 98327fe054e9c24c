package io.chatrelay.route;

import io.chatrelay.config.Condition;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.RouteConfig;
import io.chatrelay.config.Schedule;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides where an event goes. Every route whose conditions all hold fires, unless its
 * {@link Schedule} says otherwise at the instant the event is accepted; a destination named by
 * several firing routes gets the event once, under the first of them.
 */
public final class RoutingTable {

    /** One condition of a route that did not hold: the field, what it asked for, and the event's value (null: absent). */
    public record Miss(String field, Condition condition, String actual) {}

    /**
     * How one route judged an event: the conditions that did not hold and what its schedule said. It
     * matched (fired) when nothing missed and the schedule let it fire.
     */
    public record Verdict(String route, List<String> to, List<Miss> misses, Schedule.Check timing) {
        public Verdict {
            to = List.copyOf(to);
            misses = List.copyOf(misses);
        }

        /** The route fired: every condition held and it was not outside its active or inside its mute intervals. */
        public boolean matched() {
            return misses.isEmpty() && timing.fires();
        }

        /**
         * One line a person reads, fit to be kept with the event: "route after-hours matched (inside
         * weekend)", "route office-hours skipped: outside office-hours", "route office-hours muted:
         * inside lunch", "route leads missed: event, lead.email".
         */
        public String reason() {
            if (!misses.isEmpty()) {
                return "route " + route + " missed: " + String.join(", ", misses.stream().map(Miss::field).toList());
            }
            return switch (timing.state()) {
                case FIRES -> "route " + route + " matched" + (timing.why().isEmpty() ? "" : " (" + timing.why() + ")");
                case SKIPPED -> "route " + route + " skipped: " + timing.why();
                case MUTED -> "route " + route + " muted: " + timing.why();
            };
        }
    }

    /** Every route's verdict in config order, and the targets the event reaches (what {@link #match} returns). */
    public record Explanation(List<Verdict> routes, List<Target> targets) {
        public Explanation {
            routes = List.copyOf(routes);
            targets = List.copyOf(targets);
        }

        /** Each route's {@link Verdict#reason()}, in config order. */
        public List<String> reasons() {
            return routes.stream().map(Verdict::reason).toList();
        }
    }

    private final List<RouteConfig> routes;

    private RoutingTable(List<RouteConfig> routes) {
        this.routes = List.copyOf(routes);
    }

    public static RoutingTable of(RelayConfig config) {
        return new RoutingTable(config.routes());
    }

    /**
     * Where an event goes, and one note for each route whose conditions held and whose time intervals
     * had a say (what {@link Verdict#reason()} says of it), to be kept with the event.
     */
    public record Routing(List<Target> targets, List<String> notes) {
        public Routing {
            targets = List.copyOf(targets);
            notes = List.copyOf(notes);
        }
    }

    /** Where {@code event}, accepted at {@code at}, goes. */
    public List<Target> match(ChatDataEvent event, Instant at) {
        return route(event, at).targets();
    }

    /** Where {@code event}, accepted at {@code at}, goes, and what the time intervals decided on the way. */
    public Routing route(ChatDataEvent event, Instant at) {
        Map<String, Target> targets = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (RouteConfig route : routes) {
            if (route.match().entrySet().stream().allMatch(condition -> miss(condition, event).isEmpty())) {
                Schedule.Check timing = route.schedule().check(at);
                if (timing.fires()) {
                    fire(route, targets);
                    followUps(route, event, targets);
                }
                if (!timing.why().isEmpty()) {
                    notes.add(new Verdict(route.name(), route.to(), List.of(), timing).reason());
                }
            }
        }
        return new Routing(new ArrayList<>(targets.values()), notes);
    }

    /**
     * Why the event, accepted at {@code at}, goes where it goes: every route, with each condition that
     * did not hold (all of them, not the first) and what its time intervals said.
     */
    public Explanation explain(ChatDataEvent event, Instant at) {
        Map<String, Target> targets = new LinkedHashMap<>();
        List<Verdict> verdicts = new ArrayList<>();
        for (RouteConfig route : routes) {
            List<Miss> misses = route.match().entrySet().stream().flatMap(c -> miss(c, event).stream()).toList();
            Verdict verdict = new Verdict(route.name(), route.to(), misses, route.schedule().check(at));
            if (verdict.matched()) {
                fire(route, targets);
                followUps(route, event, targets);
            }
            verdicts.add(verdict);
        }
        return new Explanation(verdicts, new ArrayList<>(targets.values()));
    }

    private static void fire(RouteConfig route, Map<String, Target> targets) {
        for (String destination : route.to()) { // at once beats another route's follow-up
            Target earlier = targets.get(destination);
            if (earlier == null || earlier.isFollowUp()) {
                targets.put(destination, new Target(destination, route.name(), route.digest()));
            }
        }
    }

    /**
     * An escalation's follow-ups on a route with {@code unclaimed}: one per destination not already
     * reached, at once or as another route's follow-up. Other events have none.
     */
    private static void followUps(RouteConfig route, ChatDataEvent event, Map<String, Target> targets) {
        if (!(event instanceof ChatDataEvent.LiveChatEscalation) || route.unclaimed().isEmpty()) {
            return;
        }
        for (String destination : route.unclaimed().get().to()) {
            targets.putIfAbsent(destination, Target.followUp(destination, route.name(), route.unclaimed().get().after()));
        }
    }

    private static Optional<Miss> miss(Map.Entry<String, Condition> condition, ChatDataEvent event) {
        String value = Json.text(Json.at(event.fields(), condition.getKey()));
        return condition.getValue().test(value) ? Optional.empty()
                : Optional.of(new Miss(condition.getKey(), condition.getValue(), value));
    }
}
