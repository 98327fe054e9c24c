package io.chatrelay.render;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.RouteConfig;
import io.chatrelay.config.TemplateConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Every template of a config, compiled once; looked up by the route and destination of a delivery. */
public final class Templates {

    private final Map<String, MessageTemplate> byRoute = new HashMap<>();
    private final Map<String, MessageTemplate> byDestination = new HashMap<>();

    public Templates(RelayConfig config) {
        Map<String, MessageTemplate> bySource = new HashMap<>();
        for (RouteConfig route : config.routes()) {
            route.template().ifPresent(t -> byRoute.put(route.name(), compile(bySource, t)));
        }
        config.destinations().forEach((name, destination) -> destination.options().template()
                .ifPresent(t -> byDestination.put(name, compile(bySource, t))));
    }

    /** The route's template if it has one, else the destination's own. */
    public Optional<MessageTemplate> forDelivery(String route, String destination) {
        return chosen(route, destination).map(Chosen::template);
    }

    /** Whose template a delivery uses ({@code route leads}, {@code destination crm}); empty: the platform's own message. */
    public Optional<String> owner(String route, String destination) {
        return chosen(route, destination).map(Chosen::owner);
    }

    private record Chosen(String owner, MessageTemplate template) {}

    private Optional<Chosen> chosen(String route, String destination) {
        MessageTemplate ofRoute = byRoute.get(route);
        if (ofRoute != null) {
            return Optional.of(new Chosen("route " + route, ofRoute));
        }
        return Optional.ofNullable(byDestination.get(destination)).map(t -> new Chosen("destination " + destination, t));
    }

    private static MessageTemplate compile(Map<String, MessageTemplate> bySource, TemplateConfig template) {
        return bySource.computeIfAbsent(template.text(), MessageTemplate::new);
    }
}
