package io.chatrelay.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One routing rule: when every condition in {@code match} holds, the event goes to each destination in {@code to}. */
public record RouteConfig(String name, Map<String, Condition> match, List<String> to, Optional<TemplateConfig> template) {

    public RouteConfig {
        match = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(match));
        to = List.copyOf(to);
    }
}
