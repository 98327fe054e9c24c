package io.chatrelay.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.config.Closest;
import io.chatrelay.config.Durations;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventCatalog;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.render.Templates;
import io.chatrelay.render.Text;
import io.chatrelay.route.RoutingTable;
import io.chatrelay.config.Schedule;
import io.chatrelay.route.Target;
import io.chatrelay.config.TimeInterval;
import io.chatrelay.config.TimeIntervals;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Explains the routing table: which routes an event matches, why the others do not, and where it goes. */
@Command(name = "routes", description = "Explains the routing table.", subcommands = RoutesCommand.TestCommand.class)
final class RoutesCommand {

    static final int REACHED = 0;
    static final int NOWHERE = 1;
    static final int UNREADABLE = 2;

    @Command(name = "test", description = {
            "Shows, for one event, every route with whether it matched and which condition did not hold, "
                    + "then the destinations the event reaches and the template each uses. Sends nothing.",
            "Exit 0 when the event reaches a destination, 1 when it reaches none, 2 when the config or event "
                    + "cannot be read.",
            "Routes with time intervals are judged at --at (default: now), as the relay judges an event when it "
                    + "accepts it.",
            "Example: routes test --config config.yaml event=lead-submission lead.email=ceo@bigcorp.com",
            "Example: routes test --config config.yaml --at 2026-12-24T22:00+01:00 event=live-chat-escalation"})
    static final class TestCommand implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final int SHOWN_CHARS = 60;
        private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy HH:mm",
                Locale.ENGLISH);

        @Mixin
        ConfigOption config;

        @Option(names = "--event", paramLabel = "FILE",
                description = "A Chat Data event body (JSON), e.g. from demo --sample lead-submission.")
        Path eventFile;

        @Parameters(paramLabel = "FIELD=VALUE", arity = "0..*",
                description = "The event's fields instead of a file, by dotted path: event=lead-submission "
                        + "lead.email=ceo@bigcorp.com")
        List<String> fields;

        @Option(names = "--at", paramLabel = "TIME",
                description = "When the event arrives, for routes with time intervals: a date-time with its offset, "
                        + "e.g. 2026-12-24T22:00+01:00 or 2026-12-24T21:00Z (default: now).")
        String at;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            boolean fromFields = fields != null && !fields.isEmpty();
            if (fromFields == (eventFile != null)) {
                throw new ParameterException(spec.commandLine(),
                        "give the event as --event FILE or as FIELD=VALUE pairs (one of the two)");
            }
            byte[] given = fromFields ? given(fields) : null;
            OffsetDateTime when = when();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<RelayConfig> loaded = config.loadWithPlaceholders(err);
            Optional<ChatDataEvent> event = loaded.isEmpty() ? Optional.empty() : event(given, err);
            if (event.isEmpty()) {
                return UNREADABLE;
            }
            RelayConfig relay = loaded.get();
            RoutingTable.Explanation explanation = RoutingTable.of(relay).explain(event.get(), when.toInstant());
            printRoutes(out, event.get().type(), explanation.routes());
            printIntervals(out, relay, when);
            printTargets(out, relay, explanation.targets());
            out.flush();
            return explanation.targets().isEmpty() ? NOWHERE : REACHED;
        }

        private OffsetDateTime when() {
            if (at == null) {
                return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            }
            try {
                return OffsetDateTime.parse(at.trim());
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--at: '" + at + "' is not a date-time with an "
                        + "offset: write e.g. 2026-12-24T22:00+01:00 or 2026-12-24T21:00Z");
            }
        }

        private byte[] given(List<String> pairs) {
            for (String pair : pairs) {
                typo(pair).ifPresent(problem -> {
                    throw new ParameterException(spec.commandLine(), problem);
                });
            }
            try {
                return JSON.writeValueAsBytes(fromFields(pairs));
            } catch (IllegalArgumentException | JsonProcessingException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private Optional<ChatDataEvent> event(byte[] given, PrintWriter err) {
            String source = given != null ? "the FIELD=VALUE pairs" : eventFile.toString();
            try {
                byte[] body = given != null ? given : Files.readAllBytes(eventFile);
                return Optional.of(EventParser.parse(body, null));
            } catch (NoSuchFileException e) {
                err.println(source + ": no such file");
            } catch (IOException | MalformedEventException e) {
                err.println(source + ": " + e.getMessage());
            }
            err.flush();
            return Optional.empty();
        }

        /**
         * A field or event type no documented event has, a typo away from one that some has: what
         * {@code validate} says of a route's {@code match}.
         */
        static Optional<String> typo(String pair) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                return Optional.empty();
            }
            String field = pair.substring(0, equals);
            String value = pair.substring(equals + 1);
            if (!EventCatalog.fieldPaths().contains(field)) {
                return Closest.to(field, EventCatalog.fieldPaths()).map(meant -> "'" + pair
                        + "': no documented event has the field '" + field + "': " + meant);
            }
            if (field.equals("event") && !EventCatalog.types().contains(value)) {
                return Closest.to(value, EventCatalog.types()).map(meant -> "'" + pair
                        + "': no documented event has the event type '" + value + "': " + meant);
            }
            return Optional.empty();
        }

        /** {@code lead.email=x} becomes {@code {"lead": {"email": "x"}}}; values stay text, as conditions compare them. */
        static ObjectNode fromFields(List<String> pairs) {
            ObjectNode root = JSON.createObjectNode();
            for (String pair : pairs) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("expected FIELD=VALUE, got '" + pair + "'");
                }
                String[] path = pair.substring(0, equals).split("\\.", -1);
                ObjectNode parent = root;
                for (int i = 0; i < path.length - 1; i++) {
                    JsonNode child = parent.get(path[i]);
                    if (child != null && !child.isObject()) {
                        throw new IllegalArgumentException("'" + pair + "': " + path[i] + " already has a value");
                    }
                    parent = child == null ? parent.putObject(path[i]) : (ObjectNode) child;
                }
                if (parent.get(path[path.length - 1]) instanceof ObjectNode) {
                    throw new IllegalArgumentException("'" + pair + "': " + pair.substring(0, equals) + " has fields");
                }
                parent.put(path[path.length - 1], pair.substring(equals + 1));
            }
            return root;
        }

        private static void printRoutes(PrintWriter out, String type, List<RoutingTable.Verdict> routes) {
            out.printf("A %s event, against %s:%n", type, Plural.count(routes.size(), "route"));
            int width = routes.stream().mapToInt(v -> v.route().length()).max().orElse(0);
            for (RoutingTable.Verdict verdict : routes) {
                String name = String.format("%-" + width + "s", verdict.route());
                Schedule.Check timing = verdict.timing();
                if (verdict.matched()) {
                    out.printf("  matched  %s  -> %s%s%n", name, String.join(", ", verdict.to()),
                            timing.why().isEmpty() ? "" : "  (" + timing.why() + ")");
                    continue;
                }
                if (verdict.misses().isEmpty()) {
                    out.printf("  %-7s  %s  %s  (-> %s)%n", timing.state() == Schedule.State.MUTED ? "muted" : "skipped",
                            name, timing.why(), String.join(", ", verdict.to()));
                    continue;
                }
                String indent = "  missed   " + name + "  ";
                for (RoutingTable.Miss miss : verdict.misses()) {
                    out.printf("%s%s: wanted %s, got %s%n", indent, miss.field(), miss.condition().describe(),
                            miss.actual() == null ? "nothing (absent or null)" : quoted(miss.actual()));
                    indent = " ".repeat(indent.length());
                }
            }
            out.println();
        }

        /** Each time interval a route names, inside or outside at {@code when}, with the wall-clock time it judged. */
        private static void printIntervals(PrintWriter out, RelayConfig relay, OffsetDateTime when) {
            LinkedHashSet<TimeIntervals> named = new LinkedHashSet<>();
            relay.routes().forEach(route -> {
                named.addAll(route.schedule().active());
                named.addAll(route.schedule().mute());
            });
            if (named.isEmpty()) {
                return;
            }
            Instant instant = when.toInstant();
            out.printf("Time intervals at %s (%s):%n", when, WALL_CLOCK.format(when));
            int width = named.stream().mapToInt(i -> i.name().length()).max().orElse(0);
            for (TimeIntervals interval : named) {
                String clocks = String.join(", ", interval.intervals().stream().map(TimeInterval::location).distinct()
                        .map(zone -> zone.getId() + ": " + WALL_CLOCK.format(instant.atZone(zone))).toList());
                out.printf("  %-" + width + "s  %-7s  %s%n", interval.name(), interval.holds(instant) ? "inside" : "outside",
                        clocks.isEmpty() ? "(no interval listed: never holds)" : "(" + clocks + ")");
            }
            out.println();
        }

        private static void printTargets(PrintWriter out, RelayConfig relay, List<Target> targets) {
            if (targets.isEmpty()) {
                out.println("It reaches no destination.");
                return;
            }
            out.printf("It reaches %s:%n", Plural.count(targets.size(), "destination"));
            Templates templates = new Templates(relay);
            for (Target target : targets) {
                String type = relay.destinations().get(target.destination()).type();
                String template = templates.owner(target.route(), target.destination())
                        .map(owner -> "template of " + owner + ": "
                                + quoted(templates.forDelivery(target.route(), target.destination()).orElseThrow().source()))
                        .orElse("the " + type + " default message");
                String digest = target.digest().map(d -> ", in a digest every " + Durations.format(d.every())
                        + " (at most " + Plural.count(d.maxEvents(), "line") + ")").orElse("");
                out.printf("  %s (%s) via route %s, %s%s%n", target.destination(), type, target.route(), template,
                        digest);
            }
        }

        /** A value as JSON text: quoted, control characters escaped, cut to a line's worth. */
        private static String quoted(String value) {
            try {
                return JSON.writeValueAsString(Text.truncate(value, SHOWN_CHARS));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
