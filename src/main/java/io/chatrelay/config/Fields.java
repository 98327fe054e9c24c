package io.chatrelay.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the keys of one YAML mapping as typed values, reporting each problem with its field path
 * and line. Every key that is read is remembered; {@link #finish()} reports the rest as unknown,
 * so a typo never passes silently.
 */
final class Fields {

    private final String path;
    private final Node.Mapping mapping;
    private final Problems problems;
    private final Interpolator interpolator;
    private final Set<String> read = new HashSet<>();
    /** Keys read as secrets: an unset variable in one is to be exported, not given a default. */
    private final Set<String> secrets = new HashSet<>();
    private final KeyLog log;
    /** The path as the schema knows it: a destination by its type, not its name. */
    private final String logPath;

    Fields(String path, Node.Mapping mapping, Problems problems, Interpolator interpolator) {
        this(path, mapping, problems, interpolator, KeyLog.OFF);
    }

    Fields(String path, Node.Mapping mapping, Problems problems, Interpolator interpolator, KeyLog log) {
        this(path, mapping, problems, interpolator, log, path);
    }

    private Fields(String path, Node.Mapping mapping, Problems problems, Interpolator interpolator, KeyLog log,
                   String logPath) {
        this.path = path;
        this.mapping = mapping;
        this.problems = problems;
        this.interpolator = interpolator;
        this.log = log;
        this.logPath = logPath;
    }

    String path() {
        return path;
    }

    int line() {
        return mapping.line();
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    int lineOf(String key) {
        return mapping.keyLines().getOrDefault(key, mapping.line());
    }

    boolean has(String key) {
        log.read(logPath, key, KeyLog.Kind.ASKED);
        return mapping.entries().containsKey(key);
    }

    Set<String> keys() {
        return mapping.entries().keySet();
    }

    void problem(String key, String message) {
        problems.add(pathOf(key), lineOf(key), message);
    }

    /** A string value after {@code ${VAR}} interpolation; empty when absent, null or unset. */
    Optional<String> string(String key) {
        read.add(key);
        log.read(logPath, key, KeyLog.Kind.STRING);
        Node node = mapping.entries().get(key);
        if (node == null) {
            return Optional.empty();
        }
        return scalarText(pathOf(key), node, secrets.contains(key));
    }

    Optional<String> scalarText(String fieldPath, Node node) {
        return scalarText(fieldPath, node, false);
    }

    private Optional<String> scalarText(String fieldPath, Node node, boolean secret) {
        if (!(node instanceof Node.Scalar scalar)) {
            problems.add(fieldPath, node.line(), "expected a value, found " + Node.describe(node));
            return Optional.empty();
        }
        if (scalar.text() == null) {
            return Optional.empty();
        }
        Interpolator.Result result = interpolator.apply(scalar.text(), secret);
        result.environmentValues().forEach(problems::fromEnvironment);
        if (result.problem().isPresent()) {
            problems.add(fieldPath, node.line(), result.problem().get());
            return Optional.empty();
        }
        return Optional.of(result.value());
    }

    /**
     * A value as a problem may quote it: the text written in the file when it came from the
     * environment ({@code '${PORT}'}), since the value may be a secret in the wrong place.
     */
    String shown(String key, String value) {
        Node node = mapping.entries().get(key);
        if (node instanceof Node.Scalar scalar && scalar.text() != null && scalar.text().contains("${")) {
            return "'" + scalar.text() + "'";
        }
        return "'" + value + "'";
    }

    /**
     * An optional value that, when given, must not be empty: {@code token: ""} is a mistake, not
     * "no token". Empty when absent; reported when present but blank.
     */
    Optional<String> nonEmpty(String key) {
        int before = problems.size();
        Optional<String> value = string(key);
        if (has(key) && value.map(String::isBlank).orElse(true) && problems.size() == before) {
            problem(key, "is empty: give it a value, or remove the key");
        }
        return value.filter(v -> !v.isBlank());
    }

    String string(String key, String fallback) {
        log.fallback(logPath, key, KeyLog.Kind.STRING, fallback);
        return string(key).orElse(fallback);
    }

    Optional<String> requiredString(String key) {
        log.required(logPath, key);
        if (!has(key)) {
            read.add(key);
            problems.add(pathOf(key), mapping.line(), "is required");
            return Optional.empty();
        }
        int before = problems.size();
        Optional<String> value = string(key).filter(s -> !s.isBlank());
        if (value.isEmpty() && problems.size() == before) {
            problem(key, "must not be empty");
        }
        return value;
    }

    /** An optional secret; present but empty is a problem (see {@link #nonEmpty}). */
    Optional<Secret> secret(String key) {
        log.read(logPath, key, KeyLog.Kind.SECRET);
        secrets.add(key);
        return nonEmpty(key).map(Secret::new);
    }

    Optional<Secret> requiredSecret(String key) {
        log.read(logPath, key, KeyLog.Kind.SECRET);
        secrets.add(key);
        return requiredString(key).map(Secret::new);
    }

    /** A value that must be one of {@code choices} (the schema lists them); the reader checks it. */
    Optional<String> choice(String key, List<String> choices) {
        log.choices(logPath, key, choices);
        return string(key);
    }

    long number(String key, long fallback, long min, long max) {
        log.number(logPath, key, fallback, min, max);
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get().trim());
            if (value < min || value > max) {
                problem(key, "must be between " + min + " and " + max + ", got " + value);
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            problem(key, "must be a whole number, got " + shown(key, text.get()));
            return fallback;
        }
    }

    Optional<Duration> duration(String key) {
        log.read(logPath, key, KeyLog.Kind.DURATION);
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> value = Durations.parse(text.get()).filter(d -> !d.isZero());
        if (value.isEmpty()) {
            problem(key, "must be a positive duration like 500ms, 10s, 5m, 2h or 7d, got " + shown(key, text.get()));
        }
        return value;
    }

    Duration duration(String key, Duration fallback) {
        log.fallback(logPath, key, KeyLog.Kind.DURATION, Durations.format(fallback));
        return duration(key).orElse(fallback);
    }

    /** A duration, or {@code 0} for "off" (returned as {@link Duration#ZERO}). */
    Duration durationOrOff(String key, Duration fallback) {
        log.fallback(logPath, key, KeyLog.Kind.DURATION_OR_OFF, Durations.format(fallback));
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return fallback;
        }
        Optional<Duration> value = "0".equals(text.get().trim()) ? Optional.of(Duration.ZERO)
                : Durations.parse(text.get());
        if (value.isEmpty()) {
            problem(key, "must be a duration like 30s, 10m or 1h, or 0 for off, got " + shown(key, text.get()));
        }
        return value.orElse(fallback);
    }

    /**
     * An absolute http(s) URL. Problems never show a {@code secret} one, and show any other with its
     * path masked, as everywhere else ({@link Secret#maskUrl}): paths and queries carry tokens.
     */
    Optional<URI> url(String key, boolean required, boolean secret) {
        log.read(logPath, key, secret ? KeyLog.Kind.SECRET : KeyLog.Kind.URL);
        if (secret) {
            secrets.add(key);
        }
        Optional<String> text = required ? requiredString(key) : nonEmpty(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get().trim());
            String shown = secret || uri.getScheme() == null ? "" : " " + shown(key, Secret.maskUrl(uri));
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                problem(key, "must be an http:// or https:// URL" + shown);
                return Optional.empty();
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                problem(key, "must be an absolute URL with a host" + shown);
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problem(key, "is not a valid URL" + (secret ? "" : " (" + e.getReason() + " at index " + e.getIndex() + ")"));
            return Optional.empty();
        }
    }

    /** The URL a key holds, interpolated, without reading or reporting anything: for cross-checks. */
    Optional<URI> peekUrl(String key) {
        if (!(mapping.entries().get(key) instanceof Node.Scalar scalar) || scalar.text() == null) {
            return Optional.empty();
        }
        Interpolator.Result result = interpolator.apply(scalar.text());
        try {
            return result.problem().isPresent() ? Optional.empty() : Optional.of(new URI(result.value().trim()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    void warn(String key, String message) {
        problems.warn(pathOf(key), lineOf(key), message);
    }

    /** A nested mapping; an absent key reads as an empty one. */
    Fields mapping(String key) {
        read.add(key);
        log.read(logPath, key, KeyLog.Kind.MAPPING);
        Node node = mapping.entries().get(key);
        if (node == null || (node instanceof Node.Scalar scalar && scalar.text() == null)) {
            return new Fields(pathOf(key), new Node.Mapping(Map.of(), Map.of(), lineOf(key)), problems, interpolator, log,
                    logPathOf(key));
        }
        if (!(node instanceof Node.Mapping child)) {
            problem(key, "expected a mapping, found " + Node.describe(node));
            return new Fields(pathOf(key), new Node.Mapping(Map.of(), Map.of(), lineOf(key)), problems, interpolator, log,
                    logPathOf(key));
        }
        return new Fields(pathOf(key), child, problems, interpolator, log, logPathOf(key));
    }

    Optional<Node> raw(String key) {
        read.add(key);
        log.read(logPath, key, KeyLog.Kind.ANY);
        return Optional.ofNullable(mapping.entries().get(key));
    }

    /** A list of strings; a single value reads as a one-element list. */
    List<String> strings(String key) {
        Optional<Node> node = raw(key);
        log.read(logPath, key, KeyLog.Kind.STRINGS);
        if (node.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        if (node.get() instanceof Node.Sequence sequence) {
            for (int i = 0; i < sequence.items().size(); i++) {
                Node item = sequence.items().get(i);
                if (item instanceof Node.Scalar scalar && scalar.text() == null) {
                    problems.add(pathOf(key) + "[" + i + "]", item.line(), "is empty: give it a value, or remove it");
                }
                scalarText(pathOf(key) + "[" + i + "]", item, secrets.contains(key)).ifPresent(values::add);
            }
        } else {
            scalarText(pathOf(key), node.get(), secrets.contains(key)).ifPresent(values::add);
        }
        return values;
    }

    /** Marks {@code key} a secret before it is read: an unset variable in it gets no default suggested. */
    Fields secretKey(String key) {
        secrets.add(key);
        return this;
    }

    /** A mapping of string to string, e.g. HTTP headers. */
    Map<String, String> stringMap(String key) {
        Fields child = mapping(key);
        log.read(logPath, key, KeyLog.Kind.STRING_MAP);
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : child.keys()) {
            child.string(name).ifPresent(v -> values.put(name, v));
        }
        return values;
    }

    Fields child(String fieldPath, Node.Mapping node) {
        return new Fields(fieldPath, node, problems, interpolator, log, fieldPath);
    }

    /** As {@link #child(String, Node.Mapping)}, known to the schema by {@code schemaPath}: {@code destinations.slack}. */
    Fields child(String fieldPath, Node.Mapping node, String schemaPath) {
        return new Fields(fieldPath, node, problems, interpolator, log, schemaPath);
    }

    private String logPathOf(String key) {
        return logPath.isEmpty() ? key : logPath + "." + key;
    }

    Problems problems() {
        return problems;
    }

    /**
     * Reports every key of this mapping that no reader asked for, with the key most likely meant
     * among those the readers asked for ({@code webhok_url}: did you mean {@code webhook_url}?).
     */
    void finish() {
        List<String> known = read.stream().sorted().toList();
        List<String> absent = known.stream().filter(k -> !mapping.entries().containsKey(k)).toList();
        for (String key : mapping.entries().keySet()) {
            if (!read.contains(key)) {
                problem(key, Closest.to(key, absent).map(meant -> "unknown key: " + meant)
                        .orElse(known.isEmpty() ? "unknown key: remove it"
                                : "unknown key (known here: " + String.join(", ", known) + ")"));
            }
        }
    }

    /** Declares keys this mapping may have, for {@link #finish()}'s suggestions, without reading them. */
    void known(String... keys) {
        read.addAll(List.of(keys));
        List.of(keys).forEach(key -> log.read(logPath, key, KeyLog.Kind.ASKED));
    }

    /** Keeps {@link #finish()} quiet: for a mapping whose keys cannot be judged (a destination of unknown type). */
    void skipUnknownKeys() {
        read.addAll(mapping.entries().keySet());
    }
}
