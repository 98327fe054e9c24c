package io.chatrelay.config;

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
        List<RouteConfig> routes) {

    public RelayConfig {
        signingSecrets = List.copyOf(signingSecrets);
        destinations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(destinations));
        routes = List.copyOf(routes);
    }

    /** How long one send to {@code destination} may take: its own {@code timeout}, else {@code delivery.timeout}. */
    public java.time.Duration timeout(String destination) {
        DestinationConfig configured = destinations.get(destination);
        return configured == null ? delivery.timeout() : configured.options().timeout().orElse(delivery.timeout());
    }

    public RelayConfig withServer(ServerConfig newServer) {
        return new RelayConfig(newServer, signingSecrets, store, delivery, adminToken, destinations, routes);
    }

    public RelayConfig withStore(StoreConfig newStore) {
        return new RelayConfig(server, signingSecrets, newStore, delivery, adminToken, destinations, routes);
    }
}
