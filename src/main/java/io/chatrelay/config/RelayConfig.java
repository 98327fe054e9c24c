package io.chatrelay.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole, validated configuration. Immutable; a reload builds a new one. */
public record RelayConfig(
        ServerConfig server,
        List<Secret> signingSecrets,
        StoreConfig store,
        DeliveryConfig delivery,
        Optional<Secret> adminToken,
        Map<String, DestinationConfig> destinations,
        List<RouteConfig> routes,
        Duration dedupeWindow,
        ChatDataApiConfig chatDataApi) {

    /** {@code chat_data.dedupe_window}'s default: a body accepted again within it is answered as a duplicate. */
    public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofMinutes(10);

    public RelayConfig {
        java.util.Objects.requireNonNull(chatDataApi, "chatDataApi");
        signingSecrets = List.copyOf(signingSecrets);
        destinations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(destinations));
        routes = List.copyOf(routes);
    }

    /** A config with the default {@code chat_data.dedupe_window}. */
    public RelayConfig(ServerConfig server, List<Secret> signingSecrets, StoreConfig store, DeliveryConfig delivery,
                       Optional<Secret> adminToken, Map<String, DestinationConfig> destinations,
                       List<RouteConfig> routes) {
        this(server, signingSecrets, store, delivery, adminToken, destinations, routes, DEFAULT_DEDUPE_WINDOW);
    }

    /** A config without Chat Data's API ({@code chat_data.api_key} absent). */
    public RelayConfig(ServerConfig server, List<Secret> signingSecrets, StoreConfig store, DeliveryConfig delivery,
                       Optional<Secret> adminToken, Map<String, DestinationConfig> destinations,
                       List<RouteConfig> routes, Duration dedupeWindow) {
        this(server, signingSecrets, store, delivery, adminToken, destinations, routes, dedupeWindow,
                ChatDataApiConfig.OFF);
    }

    /** What a lease keeps beyond the sends it covers: time to record the outcome of the last one. */
    public static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

    /** How long one send to {@code destination} may take: its own {@code timeout}, else {@code delivery.timeout}. */
    public Duration timeout(String destination) {
        DestinationConfig configured = destinations.get(destination);
        return configured == null ? delivery.timeout() : configured.options().timeout().orElse(delivery.timeout());
    }

    /**
     * How long a claim on one of {@code destination}'s deliveries keeps it from every other replica:
     * time for it to wait its turn and be sent (a timeout each) and for the outcome to be recorded.
     * Short enough that another replica takes it over soon after this one dies.
     */
    public Duration lease(String destination) {
        return timeout(destination).multipliedBy(2).plus(LEASE_MARGIN);
    }

    public RelayConfig withServer(ServerConfig newServer) {
        return new RelayConfig(newServer, signingSecrets, store, delivery, adminToken, destinations, routes,
                dedupeWindow, chatDataApi);
    }

    public RelayConfig withStore(StoreConfig newStore) {
        return new RelayConfig(server, signingSecrets, newStore, delivery, adminToken, destinations, routes,
                dedupeWindow, chatDataApi);
    }
}
