package io.chatrelay.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code destinations} section: the keys every destination takes here, the rest by the
 * platform its {@code type} names.
 */
final class DestinationReader {

    private final Map<String, DestinationType> types = new LinkedHashMap<>();

    DestinationReader(List<? extends DestinationType> platforms) {
        platforms.forEach(type -> types.put(type.type(), type));
    }

    Map<String, DestinationConfig> read(Fields section) {
        Map<String, DestinationConfig> destinations = new LinkedHashMap<>();
        String previous = null;
        for (String name : section.keys()) {
            Optional<Node> node = section.raw(name);
            if (!(node.orElse(null) instanceof Node.Mapping mapping)) {
                // webhook_url: written two spaces left of the destination it belongs to
                section.problem(name, "expected a mapping with a type" + (previous == null
                        || !(node.orElse(null) instanceof Node.Scalar) ? ""
                        : "; if `" + name + "` is a key of `" + previous + "`, indent it under `" + previous + "`"));
                continue;
            }
            previous = name;
            Fields fields = section.child(section.pathOf(name), mapping, "destinations." + typeOf(mapping, name));
            readOne(name, fields).ifPresent(d -> {
                destinations.put(name, d);
                PlatformUrls.check(types.get(d.type()), types.values(), fields);
            });
            fields.finish();
        }
        return destinations;
    }

    /** The type a destination names, for the schema's account of its keys. */
    private static String typeOf(Node.Mapping mapping, String name) {
        return mapping.entries().get("type") instanceof Node.Scalar scalar && scalar.text() != null
                ? scalar.text().trim() : name;
    }

    private Optional<DestinationConfig> readOne(String name, Fields fields) {
        Optional<String> type = fields.requiredString("type");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        DestinationType platform = types.get(type.get());
        if (platform == null) {
            String known = String.join(", ", types.keySet());
            fields.problem("type", "unknown destination type '" + type.get() + "'" + Closest.to(type.get(),
                    List.copyOf(types.keySet())).map(meant -> ": " + meant).orElse(" (expected one of " + known + ")"));
            fields.skipUnknownKeys();
            return Optional.empty();
        }
        DestinationOptions options = options(fields, platform.defaultRateLimit().orElse(null));
        return platform.read(name, new DestinationFields(fields), options).map(DestinationConfig.class::cast);
    }

    private static DestinationOptions options(Fields fields, RateLimit platformDefault) {
        Optional<RateLimit> rateLimit = Optional.ofNullable(platformDefault);
        if (fields.has("rate_limit")) {
            Fields limit = fields.mapping("rate_limit");
            long requests = limit.number("requests", 1, 1, 1_000_000);
            Duration per = limit.duration("per", Duration.ofSeconds(1));
            long burst = limit.number("burst", requests, 1, 1_000_000);
            if (!limit.has("requests")) {
                limit.problem("requests", "is required");
            }
            limit.finish();
            rateLimit = Optional.of(new RateLimit((int) requests, per, (int) burst));
        }
        Optional<Duration> timeout = fields.duration("timeout");
        Optional<TemplateConfig> template = TemplateReader.read(fields);
        return new DestinationOptions(rateLimit, timeout, template);
    }
}
