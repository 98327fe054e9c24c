package io.chatrelay.route;

import io.chatrelay.config.Condition;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.RouteConfig;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides where an event goes. Every route whose conditions all hold fires; a destination named by
 * several matching routes gets the event once, under the first of them.
 */
public final class RoutingTable {

    /** One condition of a route that did not hold: the field, what it asked for, and the event's value (null: absent). */
    public record Miss(String field, Condition condition, String actual) {}

    /** How one route judged an event: it matched when nothing missed. */
    public record Verdict(String route, List<String> to, List<Miss> misses) {
        public Verdict {
            to = List.copyOf(to);
            misses = List.copyOf(misses);
        }

        public boolean matched() {
            return misses.isEmpty();
        }
    }

    /** Every route's verdict in config order, and the targets the event reaches (what {@link #match} returns). */
    public record Explanation(List<Verdict> routes, List<Target> targets) {
        public Explanation {
            routes = List.copyOf(routes);
            targets = List.copyOf(targets);
        }
    }

    private final List<RouteConfig> routes;

    private RoutingTable(List<RouteConfig> routes) {
        this.routes = List.copyOf(routes);
    }

    public static RoutingTable of(RelayConfig config) {
        return new RoutingTable(config.routes());
    }

    public List<Target> match(ChatDataEvent event) {
        Map<String, Target> targets = new LinkedHashMap<>();
        for (RouteConfig route : routes) {
            if (route.match().entrySet().stream().allMatch(condition -> miss(condition, event).isEmpty())) {
                fire(route, targets);
            }
        }
        return new ArrayList<>(targets.values());
    }

    /** Why the event goes where it goes: every route, with each condition that did not hold (all of them, not the first). */
    public Explanation explain(ChatDataEvent event) {
        Map<String, Target> targets = new LinkedHashMap<>();
        List<Verdict> verdicts = new ArrayList<>();
        for (RouteConfig route : routes) {
            List<Miss> misses = route.match().entrySet().stream().flatMap(c -> miss(c, event).stream()).toList();
            if (misses.isEmpty()) {
                fire(route, targets);
            }
            verdicts.add(new Verdict(route.name(), route.to(), misses));
        }
        return new Explanation(verdicts, new ArrayList<>(targets.values()));
    }

    private static void fire(RouteConfig route, Map<String, Target> targets) {
        for (String destination : route.to()) {
            targets.putIfAbsent(destination, new Target(destination, route.name()));
        }
    }

    private static Optional<Miss> miss(Map.Entry<String, Condition> condition, ChatDataEvent event) {
        String value = Json.text(Json.at(event.fields(), condition.getKey()));
        return condition.getValue().test(value) ? Optional.empty()
                : Optional.of(new Miss(condition.getKey(), condition.getValue(), value));
    }
}
