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
    private final List<? extends DestinationType> platforms;

    /** {@code platforms} are the destination types a config may name (the registry in {@code platform.Platforms}). */
    public ConfigLoader(Map<String, String> environment, List<? extends DestinationType> platforms) {
        this.environment = Map.copyOf(environment);
        this.platforms = List.copyOf(platforms);
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

    /** A valid config and what {@code validate} warns about in it. */
    public record Loaded(RelayConfig config, List<ConfigProblem> warnings) {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Loads a config file. Relative paths in it ({@code jdbc:sqlite:data/relay.db}) are relative to
     * the file's directory, so every command finds the same store wherever it is run from.
     */
    public RelayConfig load(Path file) throws InvalidConfigException, IOException {
        return check(file).config();
    }

    /** As {@link #load}, with the warnings. */
    public Loaded check(Path file) throws InvalidConfigException, IOException {
        return check(Files.readString(file, StandardCharsets.UTF_8), directoryOf(file));
    }

    /** A config's text; relative paths in it stay relative to the working directory. */
    public RelayConfig parse(String yaml) throws InvalidConfigException {
        return check(yaml, Optional.empty()).config();
    }

    /**
     * Only the {@code store} section of a config file, for the tools that need nothing else
     * ({@code deliveries}): no destination's secret has to be in their environment.
     */
    public StoreConfig loadStore(Path file) throws InvalidConfigException, IOException {
        Problems problems = new Problems();
        Node.Mapping mapping = root(Files.readString(file, StandardCharsets.UTF_8), problems);
        Fields fields = new Fields("", mapping, problems, new Interpolator(environment));
        StoreConfig store = store(fields.mapping("store"), directoryOf(file));
        problems.throwIfAny();
        return store;
    }

    private Loaded check(String yaml, Optional<Path> directory) throws InvalidConfigException {
        Problems problems = new Problems();
        Fields fields = new Fields("", Indentation.hoist(root(yaml, problems), problems), problems,
                new Interpolator(environment));
        RelayConfig config = read(fields, directory, new DestinationReader(platforms));
        fields.finish();
        problems.throwIfAny();
        return new Loaded(config, problems.all());
    }

    /**
     * Every key the readers ask for while reading {@code yaml}, with its type and default, whatever
     * problems the config has: how {@link ConfigSchema} learns the keys from the loader itself.
     */
    static List<KeyLog.Key> keysRead(String yaml, List<? extends DestinationType> platforms)
            throws InvalidConfigException {
        Problems problems = new Problems();
        KeyLog log = KeyLog.recording();
        Fields fields = new Fields("", root(yaml, problems), problems, new Interpolator(Map.of()), log);
        read(fields, Optional.empty(), new DestinationReader(platforms));
        return log.keys();
    }

    private static Node.Mapping root(String yaml, Problems problems) throws InvalidConfigException {
        Node root = YamlTree.parse(yaml, problems);
        if (!(root instanceof Node.Mapping mapping)) {
            throw new InvalidConfigException(List.of(new ConfigProblem("(file)", root.line(),
                    "the config must be a mapping with server, chat_data, destinations and routes")));
        }
        return mapping;
    }

    private static Optional<Path> directoryOf(Path file) {
        return Optional.ofNullable(file.toAbsolutePath().normalize().getParent());
    }

    private static RelayConfig read(Fields root, Optional<Path> directory, DestinationReader destinationReader) {
        Fields admin = root.mapping("admin");
        // empty is documented as "admin API off": ${RELAY_ADMIN_TOKEN:-}
        Optional<Secret> adminToken = admin.secretKey("token").string("token").filter(t -> !t.isBlank()).map(Secret::new);
        Optional<ServerConfig.Address> adminListen = address(admin, "listen");
        admin.finish();
        ServerConfig server = server(root.mapping("server"), adminListen);
        Fields chatData = root.mapping("chat_data");
        Duration dedupeWindow = chatData.durationOrOff("dedupe_window", RelayConfig.DEFAULT_DEDUPE_WINDOW);
        ChatDataApiConfig chatDataApi = ChatDataApiReader.read(chatData);
        List<Secret> secrets = signingSecrets(chatData);
        StoreConfig store = store(root.mapping("store"), directory);
        DeliveryConfig delivery = delivery(root.mapping("delivery"));
        Fields destinationSection = root.mapping("destinations");
        Map<String, DestinationConfig> destinations = destinationReader.read(destinationSection);
        java.util.Set<String> names = destinationSection.keys();
        chatDataDestination(destinationSection, chatDataApi, destinations);
        TimeIntervalReader timeIntervals = new TimeIntervalReader(root);
        List<RouteConfig> routes = RouteReader.read(root, names, timeIntervals.read());
        timeIntervals.warnUnused(routes);
        warnUnrouted(destinationSection, routes);
        if (!root.has("routes")) {
            root.problem("routes", "is required: without routes no event goes anywhere");
        }
        return separately(new RelayConfig(server, secrets, store, delivery, adminToken, destinations, routes,
                dedupeWindow, chatDataApi));
    }

    /**
     * With {@code chat_data.api_key}, Chat Data's API is the destination of agents' replies, named
     * {@code chat-data}: a destination of the config may not take that name.
     */
    private static void chatDataDestination(Fields destinations, ChatDataApiConfig api,
                                            Map<String, DestinationConfig> read) {
        if (destinations.keys().contains(ChatDataDestination.NAME)) {
            destinations.problem(ChatDataDestination.NAME, "is the name of the relay's own destination for agents' "
                    + "replies (Chat Data's API): give this destination another name");
        }
        if (api.apiKey().isEmpty()) {
            read.forEach((name, destination) -> destination.replyRules().flatMap(ReplyRules::asked)
                    .filter(mode -> mode != ReplyRules.Mode.OFF).ifPresent(mode -> destinations.mapping(name)
                            .problem("replies", "replies: " + mode + " sends agents' replies to Chat Data's API, "
                                    + "which needs chat_data.api_key; set it, or replies: off")));
        } else if (!destinations.keys().contains(ChatDataDestination.NAME)) {
            read.put(ChatDataDestination.NAME, new ChatDataDestination(api, new DestinationOptions(Optional.empty(),
                    Optional.empty(), Optional.empty())));
        }
    }

    /** A destination no route names gets nothing: meant for a route that lost it, or left over. */
    private static void warnUnrouted(Fields destinations, List<RouteConfig> routes) {
        java.util.Set<String> routed = new java.util.HashSet<>();
        routes.forEach(route -> routed.addAll(route.to()));
        destinations.keys().stream().filter(name -> !routed.contains(name)).forEach(name -> destinations.warn(name,
                "no route sends to this destination, so it gets nothing: add '" + name
                        + "' to a route's to, or remove it"));
    }

    /** Each destination replaced by the parts it delivers to separately, and each route sent to all of them. */
    private static RelayConfig separately(RelayConfig config) {
        Map<String, DestinationConfig> parts = new java.util.LinkedHashMap<>();
        Map<String, List<String>> partNames = new java.util.HashMap<>();
        config.destinations().forEach((name, destination) -> {
            Map<String, DestinationConfig> separate = destination.separately();
            parts.putAll(separate);
            partNames.put(name, List.copyOf(separate.keySet()));
        });
        java.util.function.Function<List<String>, List<String>> split = names -> names.stream()
                .flatMap(name -> partNames.getOrDefault(name, List.of(name)).stream()).toList();
        List<RouteConfig> routes = config.routes().stream().map(route -> route.withTo(split.apply(route.to()))
                .withUnclaimedTo(route.unclaimed().map(u -> split.apply(u.to())).orElse(List.of()))).toList();
        return new RelayConfig(config.server(), config.signingSecrets(), config.store(), config.delivery(),
                config.adminToken(), parts, routes, config.dedupeWindow(), config.chatDataApi());
    }

    private static ServerConfig server(Fields fields, Optional<ServerConfig.Address> adminListen) {
        String host = fields.string("host", "0.0.0.0");
        int port = (int) fields.number("port", ServerConfig.DEFAULT_PORT, 0, 65_535);
        String path = fields.string("path", ServerConfig.DEFAULT_PATH);
        if (!path.startsWith("/")) {
            fields.problem("path", "must start with /, got " + fields.shown("path", path));
        }
        long maxBody = fields.number("max_body_bytes", ServerConfig.DEFAULT_MAX_BODY_BYTES, 1_024, 64L * 1_048_576);
        Duration readTimeout = fields.duration("read_timeout", ServerConfig.DEFAULT_READ_TIMEOUT);
        if (readTimeout.toMillis() < 100) {
            fields.problem("read_timeout", "must be at least 100ms, e.g. 10s");
        }
        if (port != 0 && adminListen.map(ServerConfig.Address::port).filter(p -> p == port).isPresent()) {
            fields.problem("port", "is also admin.listen's port " + port + ": the relay could not start; give "
                    + "admin.listen a port of its own, e.g. 127.0.0.1:9090");
        }
        Optional<java.net.URI> publicUrl = fields.url("public_url", false, false);
        publicUrl.filter(url -> "http".equalsIgnoreCase(url.getScheme())).ifPresent(url -> fields.warn("public_url",
                "is http://: Slack, Telegram and Chat Data reach the relay over the internet; use https:// "
                        + "behind a TLS proxy"));
        publicUrl.filter(url -> url.getQuery() != null || url.getFragment() != null).ifPresent(url -> fields.problem(
                "public_url", "must be a base URL without ?query or #fragment, e.g. https://relay.example.com"));
        fields.finish();
        return new ServerConfig(host, port, path, maxBody, readTimeout, adminListen, publicUrl);
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
        fields.problem(key, "must be HOST:PORT, e.g. 127.0.0.1:9090, got " + fields.shown(key, value));
        return Optional.empty();
    }

    private static List<Secret> signingSecrets(Fields fields) {
        List<Secret> secrets = new ArrayList<>();
        if (!fields.has("signing_secrets")) {
            fields.problem("signing_secrets", "is required: Chat Data's signing secret, e.g. [\"${CHAT_DATA_SIGNING_SECRET}\"]");
        }
        int before = fields.problems().size();
        for (String value : fields.secretKey("signing_secrets").strings("signing_secrets")) {
            if (value.isBlank()) {
                fields.problem("signing_secrets", "a signing secret must not be empty");
            } else {
                secrets.add(new Secret(value));
            }
        }
        if (fields.has("signing_secrets") && secrets.isEmpty() && fields.problems().size() == before) {
            fields.problem("signing_secrets", "lists no secret: every request would be refused with 401; "
                    + "add Chat Data's signing secret, e.g. [\"${CHAT_DATA_SIGNING_SECRET}\"]");
        }
        fields.finish();
        return secrets;
    }

    private static StoreConfig store(Fields fields, Optional<Path> directory) {
        String url = fields.string("url", StoreConfig.DEFAULT_URL);
        if (StoreKind.of(url).isEmpty()) {
            fields.problem("url", "must be a jdbc:sqlite: or jdbc:postgresql: URL");
        }
        Duration retention = fields.duration("retention", StoreConfig.DEFAULT_RETENTION);
        Duration unhealthyAfter = fields.duration("unhealthy_after", StoreConfig.DEFAULT_UNHEALTHY_AFTER);
        if (unhealthyAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            fields.problem("unhealthy_after", "must be at least 1s: a store that fails for less is not broken");
        }
        fields.finish();
        return new StoreConfig(directory.map(d -> StoreConfig.resolveAgainst(url, d)).orElse(url), retention,
                unhealthyAfter);
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
