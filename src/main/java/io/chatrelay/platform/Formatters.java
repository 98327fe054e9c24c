package io.chatrelay.platform;

import io.chatrelay.config.RelayConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The platform and formatter of each configured destination. */
public final class Formatters {

    private final Map<String, Formatter> byDestination;
    private final Map<String, Platform<?>> platforms;

    private Formatters(Map<String, Formatter> byDestination, Map<String, Platform<?>> platforms) {
        this.byDestination = Map.copyOf(byDestination);
        this.platforms = Map.copyOf(platforms);
    }

    public static Formatters of(RelayConfig config) {
        Map<String, Formatter> formatters = new LinkedHashMap<>();
        Map<String, Platform<?>> platforms = new LinkedHashMap<>();
        config.destinations().forEach((name, destination) -> {
            Platform<?> platform = Platforms.of(destination);
            platforms.put(name, platform);
            formatters.put(name, platform.formatterOf(destination));
        });
        return new Formatters(formatters, platforms);
    }

    public Formatter forDestination(String name) {
        Formatter formatter = byDestination.get(name);
        if (formatter == null) {
            throw new IllegalArgumentException("no destination named " + name);
        }
        return formatter;
    }

    /** The platform that reads {@code name}'s answers. */
    public Platform<?> platform(String name) {
        Platform<?> platform = platforms.get(name);
        if (platform == null) {
            throw new IllegalArgumentException("no destination named " + name);
        }
        return platform;
    }
}
