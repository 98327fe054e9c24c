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

/**
 * Decides where an event goes. Every route whose conditions all hold fires; a destination named by
 * several matching routes gets the event once, under the first of them.
 */
public final class RoutingTable {

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
            if (holds(route, event)) {
                for (String destination : route.to()) {
                    targets.putIfAbsent(destination, new Target(destination, route.name()));
                }
            }
        }
        return new ArrayList<>(targets.values());
    }

    private static boolean holds(RouteConfig route, ChatDataEvent event) {
        for (Map.Entry<String, Condition> condition : route.match().entrySet()) {
            String value = Json.text(Json.at(event.fields(), condition.getKey()));
            if (!condition.getValue().test(value)) {
                return false;
            }
        }
        return true;
    }
}
