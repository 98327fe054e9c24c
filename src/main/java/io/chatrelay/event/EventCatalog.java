package io.chatrelay.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Chat Data documents: its event types and the field paths their payloads carry, read from the
 * documented sample payloads bundled with the relay (one per type, named by it), so that the list
 * cannot drift from the samples. Config validation asks it whether a route names a real event
 * type or field; new types and custom lead fields exist too, so an answer of "no" is a hint.
 */
public final class EventCatalog {

    private static final String SAMPLES = "/io/chatrelay/samples/";
    /** The documented types, in Chat Data's order; each has a sample named after it. */
    private static final List<String> TYPES = List.of("chat", "live-chat-escalation", "lead-submission", "user-online",
            "user-offline");
    /** Names the parser accepts besides the samples' own (a real capture carried {@code client_id}). */
    private static final Set<String> ALIASES = Set.of("client_id");
    private static final Set<String> PATHS = paths();
    private static final Set<String> TEMPLATE_NAMES = templateNames(PATHS);
    private static final Set<String> CONTAINERS = containers();

    private EventCatalog() {}

    public static List<String> types() {
        return TYPES;
    }

    /** Every dotted path ({@code lead.email}) that some documented event has, objects and lists included. */
    public static Set<String> fieldPaths() {
        return PATHS;
    }

    /**
     * The paths whose value is an object or a list in the documented events ({@code lead},
     * {@code messages}): routing compares them as their JSON text, so a plain value never equals them.
     */
    public static Set<String> containerPaths() {
        return CONTAINERS;
    }

    /**
     * Every name a template may look up in some documented event: a field path, a field of a listed
     * object ({@code content} inside {@code {{#messages}}}), and each dotted tail of those
     * ({@code email} inside {@code {{#lead}}}). Mustache's own names ({@code .}, {@code -index}) are
     * not included.
     */
    public static Set<String> templateNames() {
        return TEMPLATE_NAMES;
    }

    /** A documented sample payload, as Chat Data sends it. */
    public static byte[] sample(String type) {
        try (InputStream in = EventCatalog.class.getResourceAsStream(SAMPLES + type + ".json")) {
            if (in == null) {
                throw new IllegalStateException("the sample of " + type + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> paths() {
        Set<String> paths = new TreeSet<>(ALIASES);
        for (String type : TYPES) {
            try {
                collect(EventParser.parse(sample(type), null).fields(), "", paths);
            } catch (MalformedEventException e) {
                throw new IllegalStateException("the sample of " + type + " does not parse", e);
            }
        }
        return Set.copyOf(paths);
    }

    private static Set<String> containers() {
        Set<String> containers = new TreeSet<>();
        for (String type : TYPES) {
            try {
                JsonNode fields = EventParser.parse(sample(type), null).fields();
                PATHS.stream().filter(path -> Json.at(fields, path) != null && Json.at(fields, path).isContainerNode())
                        .forEach(containers::add);
            } catch (MalformedEventException e) {
                throw new IllegalStateException("the sample of " + type + " does not parse", e);
            }
        }
        return Set.copyOf(containers);
    }

    private static Set<String> templateNames(Set<String> paths) {
        Set<String> names = new TreeSet<>(paths);
        for (String type : TYPES) {
            try {
                collectElements(EventParser.parse(sample(type), null).fields(), "", names);
            } catch (MalformedEventException e) {
                throw new IllegalStateException("the sample of " + type + " does not parse", e);
            }
        }
        for (String name : List.copyOf(names)) {
            for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
                names.add(name.substring(dot + 1));
            }
        }
        return Set.copyOf(names);
    }

    /** As {@link #collect}, going into the objects of lists too. */
    private static void collectElements(JsonNode node, String prefix, Set<String> names) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String path = prefix + field.getKey();
            names.add(path);
            JsonNode value = field.getValue();
            if (value.isObject()) {
                collectElements(value, path + ".", names);
            } else if (value.isArray()) {
                for (JsonNode element : value) {
                    if (element.isObject()) {
                        collectElements(element, path + ".", names);
                    }
                }
            }
        }
    }

    private static void collect(JsonNode node, String prefix, Set<String> paths) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String path = prefix + field.getKey();
            paths.add(path);
            if (field.getValue().isObject()) {
                collect(field.getValue(), path + ".", paths);
            }
        }
    }
}
