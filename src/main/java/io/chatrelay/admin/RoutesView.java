package io.chatrelay.admin;

import io.chatrelay.config.Condition;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.RouteConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The routing table as loaded, in the config's own terms: no URL, no secret, only names and conditions. */
final class RoutesView {

    private RoutesView() {}

    static Map<String, Object> of(RelayConfig config) {
        List<Map<String, Object>> routes = config.routes().stream().map(RoutesView::route).toList();
        return Map.of("routes", routes);
    }

    private static Map<String, Object> route(RouteConfig route) {
        Map<String, Object> match = new LinkedHashMap<>();
        route.match().forEach((field, condition) -> match.put(field, condition(condition)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", route.name());
        json.put("match", match);
        json.put("to", route.to());
        json.put("template", route.template().isPresent());
        return json;
    }

    /** As it would be written in YAML: a value, a list, {@code "*"} or {@code {regex: ...}}. */
    private static Object condition(Condition condition) {
        if (condition instanceof Condition.Equals equals) {
            return equals.expected();
        } else if (condition instanceof Condition.AnyOf any) {
            return any.expected().stream().sorted().toList();
        } else if (condition instanceof Condition.Regex regex) {
            return Map.of("regex", regex.pattern().pattern());
        }
        return "*";
    }
}
