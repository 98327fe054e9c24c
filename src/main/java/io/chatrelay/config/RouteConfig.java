package io.chatrelay.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One routing rule: when every condition in {@code match} holds, and its {@code schedule} lets it
 * fire at the event's acceptance, the event goes to each destination in {@code to}: at once, or
 * gathered into a {@code digest}. An escalation nobody takes goes on to {@code unclaimed}'s destinations.
 */
public record RouteConfig(String name, Map<String, Condition> match, List<String> to, Optional<TemplateConfig> template,
                          Schedule schedule, Optional<DigestConfig> digest, Optional<UnclaimedConfig> unclaimed) {

    public RouteConfig(String name, Map<String, Condition> match, List<String> to, Optional<TemplateConfig> template,
                       Schedule schedule, Optional<DigestConfig> digest) {
        this(name, match, to, template, schedule, digest, Optional.empty());
    }

    /** A route that sends each event as it comes. */
    public RouteConfig(String name, Map<String, Condition> match, List<String> to, Optional<TemplateConfig> template,
                       Schedule schedule) {
        this(name, match, to, template, schedule, Optional.empty());
    }

    public RouteConfig {
        match = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(match));
        to = List.copyOf(to);
    }

    /** The same route sending to other destinations (the parts a destination delivers to, the demo's stand-ins). */
    public RouteConfig withTo(List<String> newTo) {
        return new RouteConfig(name, match, newTo, template, schedule, digest, unclaimed);
    }

    /** The same route with its follow-up going to other destinations (the parts, the demo's stand-ins). */
    public RouteConfig withUnclaimedTo(List<String> newTo) {
        return new RouteConfig(name, match, to, template, schedule, digest,
                unclaimed.map(u -> new UnclaimedConfig(u.after(), newTo)));
    }
}
