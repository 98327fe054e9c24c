package io.chatrelay.config;

import io.chatrelay.event.EventCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the {@code routes} list and checks it against the destinations. */
final class RouteReader {

    private RouteReader() {}

    static List<RouteConfig> read(Fields root, Set<String> destinationNames, Map<String, TimeIntervals> intervals) {
        Optional<Node> node = root.raw("routes");
        if (node.isEmpty() || (node.get() instanceof Node.Scalar scalar && scalar.text() == null)) {
            return List.of();
        }
        if (!(node.get() instanceof Node.Sequence sequence)) {
            root.problem("routes", "expected a list of routes");
            return List.of();
        }
        List<RouteConfig> routes = new ArrayList<>();
        Map<String, Integer> namesSeen = new HashMap<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            String path = "routes[" + i + "]";
            Node item = sequence.items().get(i);
            if (!(item instanceof Node.Mapping mapping)) {
                root.problems().add(path, item.line(), "expected a mapping with name, match and to");
                continue;
            }
            Fields fields = root.child(path, mapping);
            readOne(fields, destinationNames, namesSeen, intervals).ifPresent(routes::add);
            fields.finish();
        }
        return routes;
    }

    private static Optional<RouteConfig> readOne(Fields fields, Set<String> destinationNames, Map<String, Integer> namesSeen,
                                                 Map<String, TimeIntervals> intervals) {
        Optional<String> name = fields.requiredString("name");
        name.ifPresent(n -> {
            Integer firstLine = namesSeen.putIfAbsent(n, fields.lineOf("name"));
            if (firstLine != null) {
                fields.problem("name", "duplicate route name '" + n + "' (first at line " + firstLine + ")");
            }
        });
        Map<String, Condition> match = readMatch(fields);
        List<String> to = fields.strings("to");
        if (!fields.has("to") || to.isEmpty()) {
            fields.problem("to", "is required: a list of destination names");
        }
        checkDestinations(fields, to, destinationNames);
        Optional<TemplateConfig> template = TemplateReader.read(fields);
        Schedule schedule = new Schedule(named(fields, "active_time_intervals", intervals),
                named(fields, "mute_time_intervals", intervals));
        Optional<DigestConfig> digest = DigestReader.read(fields, match);
        Optional<UnclaimedConfig> unclaimed = UnclaimedReader.read(fields, match, destinationNames);
        return name.map(n -> new RouteConfig(n, match, to, template, schedule, digest, unclaimed));
    }

    /**
     * Reports each name in {@code fields}' {@code to} that names no destination (with the closest that
     * does) or is listed twice; true when every one names a destination.
     */
    static boolean checkDestinations(Fields fields, List<String> to, Set<String> destinationNames) {
        Set<String> unique = new HashSet<>();
        boolean known = true;
        for (String destination : to) {
            if (!destinationNames.contains(destination)) {
                known = false;
                fields.problem("to", "unknown destination '" + destination + "'" + Closest.to(destination,
                        destinationNames).map(meant -> ": " + meant)
                        .orElse(" (defined: " + String.join(", ", destinationNames) + ")"));
            } else if (!unique.add(destination)) {
                fields.problem("to", "destination '" + destination + "' is listed twice");
            }
        }
        return known;
    }

    /** The time intervals a route names under {@code key}, each of which must be in the top-level {@code time_intervals}. */
    private static List<TimeIntervals> named(Fields fields, String key, Map<String, TimeIntervals> intervals) {
        List<TimeIntervals> found = new ArrayList<>();
        for (String name : fields.strings(key)) {
            TimeIntervals interval = intervals.get(name);
            if (interval == null) {
                fields.problem(key, "unknown time interval '" + name + "'" + (intervals.isEmpty()
                        ? ": define it in a top-level time_intervals section (see docs/time-intervals.md)"
                        : Closest.to(name, intervals.keySet()).map(meant -> ": " + meant)
                                .orElse(" (defined: " + String.join(", ", intervals.keySet()) + ")")));
            } else if (found.contains(interval)) {
                fields.problem(key, "time interval '" + name + "' is listed twice");
            } else {
                found.add(interval);
            }
        }
        return found;
    }

    private static Map<String, Condition> readMatch(Fields route) {
        Map<String, Condition> conditions = new LinkedHashMap<>();
        if (!route.has("match")) {
            route.raw("match");
            return conditions;
        }
        Fields match = route.mapping("match");
        for (String field : match.keys()) {
            checkDocumented(match, field, "field", EventCatalog.fieldPaths(),
                    "; a route on it fires only for events that carry it");
            readCondition(match, field).ifPresent(c -> conditions.put(field, c));
            checkComparable(match, field, conditions.get(field));
        }
        checkEventNames(match, conditions.get("event"));
        return conditions;
    }

    /**
     * {@code lead: x} never holds: {@code lead} is an object, compared as its JSON text. A regex may
     * mean to search that text ({@code messages: {regex: refund}}), and a value may be JSON.
     */
    private static void checkComparable(Fields match, String field, Condition condition) {
        List<String> values = condition instanceof Condition.Equals equals ? List.of(equals.expected())
                : condition instanceof Condition.AnyOf anyOf ? anyOf.expected().stream().sorted().toList() : List.of();
        if (!EventCatalog.containerPaths().contains(field)
                || values.stream().allMatch(v -> v.startsWith("{") || v.startsWith("["))) {
            return;
        }
        String inside = EventCatalog.fieldPaths().stream().filter(path -> path.startsWith(field + ".")).sorted()
                .findFirst().map(path -> "a field inside it (" + path + "), ").orElse("");
        match.warn(field, "is an object or a list in the documented events, so a plain value never equals it "
                + "and the route never fires: match " + inside + "\"*\" for present, or {regex: ...} to search "
                + "its text");
    }

    /** A route on {@code lead-submision} never fires: name the documented event meant. */
    private static void checkEventNames(Fields match, Condition condition) {
        List<String> names = condition instanceof Condition.Equals equals ? List.of(equals.expected())
                : condition instanceof Condition.AnyOf anyOf ? anyOf.expected().stream().sorted().toList() : List.of();
        for (String name : names) {
            checkDocumented(match, "event", name, "event type", EventCatalog.types(),
                    " (documented: " + String.join(", ", EventCatalog.types()) + "); the route fires only if Chat Data "
                            + "sends it");
        }
    }

    private static void checkDocumented(Fields match, String field, String what, java.util.Collection<String> documented,
                                        String consequence) {
        checkDocumented(match, field, field, what, documented, consequence);
    }

    /**
     * A name no documented event has is an error when a documented one is a typo away, else a
     * warning: Chat Data adds event types, and lead forms carry custom fields.
     */
    private static void checkDocumented(Fields match, String field, String name, String what,
                                        java.util.Collection<String> documented, String consequence) {
        if (documented.contains(name)) {
            return;
        }
        Optional<String> meant = Closest.to(name, documented);
        if (meant.isPresent()) {
            match.problem(field, "no documented event has the " + what + " '" + name + "': " + meant.get());
        } else {
            match.warn(field, "no documented event has the " + what + " '" + name + "'" + consequence);
        }
    }

    private static Optional<Condition> readCondition(Fields match, String field) {
        Node node = match.raw(field).orElseThrow();
        if (node instanceof Node.Sequence) {
            List<String> values = match.strings(field);
            if (values.isEmpty()) {
                match.problem(field, "an empty list matches nothing");
                return Optional.empty();
            }
            return Optional.of(new Condition.AnyOf(Set.copyOf(values)));
        }
        if (node instanceof Node.Mapping mapping) {
            Fields regexFields = match.child(match.pathOf(field), mapping, "routes[].match.*");
            Optional<String> regex = regexFields.requiredString("regex");
            regexFields.finish();
            try {
                return regex.map(r -> new Condition.Regex(Pattern.compile(r)));
            } catch (PatternSyntaxException e) {
                regexFields.problem("regex", "is not a valid regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
                return Optional.empty();
            }
        }
        Optional<String> value = match.string(field);
        if (value.isEmpty()) {
            match.problem(field, "needs a value, a list, \"*\" or {regex: ...}");
            return Optional.empty();
        }
        return Optional.of(value.get().equals("*") ? new Condition.Present() : new Condition.Equals(value.get()));
    }
}
