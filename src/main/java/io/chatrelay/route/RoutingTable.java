package io.chatrelay.route;

import io.chatrelay.config.Condition;
import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.TemplateConfig;
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

    private final List<RouteConfig> routes;
    private final Map<String, DestinationConfig> destinations;

    private RoutingTable(List<RouteConfig> routes, Map<String, DestinationConfig> destinations) {
        this.routes = List.copyOf(routes);
        this.destinations = Map.copyOf(destinations);
    }

    public static RoutingTable of(RelayConfig config) {
        return new RoutingTable(config.routes(), config.destinations());
    }

    public List<Target> match(ChatDataEvent event) {
        Map<String, Target> targets = new LinkedHashMap<>();
        for (RouteConfig route : routes) {
            if (holds(route, event)) {
                for (String destination : route.to()) {
                    targets.computeIfAbsent(destination, d -> new Target(d, route.name(), templateFor(route, d)));
                }
            }
        }
        return new ArrayList<>(targets.values());
    }

    /** The route's template wins; otherwise the destination's own, if it has one. */
    private Optional<TemplateConfig> templateFor(RouteConfig route, String destination) {
        return route.template().or(() -> destinations.get(destination).options().template());
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
