package io.chatrelay.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads and validates a config file. Every problem is collected and reported with its path and line. */
public final class ConfigLoader {

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static ConfigLoader fromSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /**
     * The {@code ${NAME}} variables (those without a {@code :-fallback}) that a config's values use;
     * comments do not count. Empty when the text is not YAML ({@link #parse} says why).
     */
    public static java.util.Set<String> requiredVariables(String yaml) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        try {
            collectVariables(YamlTree.parse(yaml, new Problems()), names);
        } catch (InvalidConfigException notYaml) {
            // nothing to collect
        }
        return names;
    }

    private static void collectVariables(Node node, java.util.Set<String> names) {
        if (node instanceof Node.Scalar scalar && scalar.text() != null) {
            names.addAll(Interpolator.required(scalar.text()));
        } else if (node instanceof Node.Mapping mapping) {
            mapping.entries().values().forEach(value -> collectVariables(value, names));
        } else if (node instanceof Node.Sequence sequence) {
            sequence.items().forEach(item -> collectVariables(item, names));
        }
    }

    public RelayConfig load(Path file) throws InvalidConfigException, IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public RelayConfig parse(String yaml) throws InvalidConfigException {
        Problems problems = new Problems();
        Node root = YamlTree.parse(yaml, problems);
        if (!(root instanceof Node.Mapping mapping)) {
            throw new InvalidConfigException(List.of(new ConfigProblem("(file)", root.line(),
                    "the config must be a mapping with server, chat_data, destinations and routes")));
        }
        Fields fields = new Fields("", mapping, problems, new Interpolator(environment));
        RelayConfig config = read(fields);
        fields.finish();
        problems.throwIfAny();
        return config;
    }

    private static RelayConfig read(Fields root) {
        Fields admin = root.mapping("admin");
        Optional<Secret> adminToken = admin.secret("token");
        Optional<ServerConfig.Address> adminListen = address(admin, "listen");
        admin.finish();
        ServerConfig server = server(root.mapping("server"), adminListen);
        List<Secret> secrets = signingSecrets(root.mapping("chat_data"));
        StoreConfig store = store(root.mapping("store"));
        DeliveryConfig delivery = delivery(root.mapping("delivery"));
        Fields destinationSection = root.mapping("destinations");
        Map<String, DestinationConfig> destinations = DestinationReader.read(destinationSection);
        java.util.Set<String> names = destinationSection.keys();
        List<RouteConfig> routes = RouteReader.read(root, names);
        if (!root.has("routes")) {
            root.problem("routes", "is required: without routes no event goes anywhere");
        }
        return new RelayConfig(server, secrets, store, delivery, adminToken, destinations, routes);
    }

    private static ServerConfig server(Fields fields, Optional<ServerConfig.Address> adminListen) {
        String host = fields.string("host", "0.0.0.0");
        int port = (int) fields.number("port", ServerConfig.DEFAULT_PORT, 0, 65_535);
        String path = fields.string("path", ServerConfig.DEFAULT_PATH);
        if (!path.startsWith("/")) {
            fields.problem("path", "must start with /, got '" + path + "'");
        }
        long maxBody = fields.number("max_body_bytes", ServerConfig.DEFAULT_MAX_BODY_BYTES, 1_024, 64L * 1_048_576);
        Duration readTimeout = fields.duration("read_timeout", ServerConfig.DEFAULT_READ_TIMEOUT);
        if (readTimeout.toMillis() < 100) {
            fields.problem("read_timeout", "must be at least 100ms, e.g. 10s");
        }
        fields.finish();
        return new ServerConfig(host, port, path, maxBody, readTimeout, adminListen);
    }

    /** {@code HOST:PORT} ({@code [::1]:9090} for IPv6), or empty when the key is absent. */
    private static Optional<ServerConfig.Address> address(Fields fields, String key) {
        Optional<String> text = fields.string(key).filter(t -> !t.isBlank());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get().trim();
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon).replaceAll("^\\[(.*)]$", "$1") : "";
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (!host.isBlank() && port >= 0 && port <= 65_535) {
                return Optional.of(new ServerConfig.Address(host, port));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fields.problem(key, "must be HOST:PORT, e.g. 127.0.0.1:9090, got '" + value + "'");
        return Optional.empty();
    }

    private static List<Secret> signingSecrets(Fields fields) {
        List<Secret> secrets = new ArrayList<>();
        if (!fields.has("signing_secrets")) {
            fields.problem("signing_secrets", "is required: Chat Data's signing secret, e.g. [\"${CHAT_DATA_SIGNING_SECRET}\"]");
        }
        for (String value : fields.strings("signing_secrets")) {
            if (value.isBlank()) {
                fields.problem("signing_secrets", "a signing secret must not be empty");
            } else {
                secrets.add(new Secret(value));
            }
        }
        fields.finish();
        return secrets;
    }

    private static StoreConfig store(Fields fields) {
        String url = fields.string("url", StoreConfig.DEFAULT_URL);
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            fields.problem("url", "must be a jdbc:sqlite: or jdbc:postgresql: URL");
        }
        Duration retention = fields.duration("retention", StoreConfig.DEFAULT_RETENTION);
        Duration unhealthyAfter = fields.duration("unhealthy_after", StoreConfig.DEFAULT_UNHEALTHY_AFTER);
        if (unhealthyAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            fields.problem("unhealthy_after", "must be at least 1s: a store that fails for less is not broken");
        }
        fields.finish();
        return new StoreConfig(url, retention, unhealthyAfter);
    }

    private static DeliveryConfig delivery(Fields fields) {
        DeliveryConfig defaults = DeliveryConfig.DEFAULTS;
        Duration timeout = fields.duration("timeout", defaults.timeout());
        int maxAttempts = (int) fields.number("max_attempts", defaults.maxAttempts(), 1, 1_000);
        Fields backoff = fields.mapping("backoff");
        Duration initial = backoff.duration("initial", defaults.backoffInitial());
        Duration max = backoff.duration("max", defaults.backoffMax());
        if (max.compareTo(initial) < 0) {
            backoff.problem("max", "must not be shorter than backoff.initial");
        }
        backoff.finish();
        fields.finish();
        return new DeliveryConfig(timeout, maxAttempts, initial, max);
    }
}
