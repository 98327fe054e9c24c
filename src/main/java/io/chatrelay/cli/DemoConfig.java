package io.chatrelay.cli;

import io.chatrelay.config.ChatDataApiConfig;
import io.chatrelay.config.ChatDataDestination;
import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.RouteConfig;
import io.chatrelay.config.Secret;
import io.chatrelay.config.ServerConfig;
import io.chatrelay.config.StoreConfig;
import io.chatrelay.platform.Platforms;
import io.chatrelay.platform.StandIn;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A config made safe to run for {@code demo}: the user's routes and templates kept, every destination
 * sent to its local stand-in, a throwaway store, a loopback port, the demo's signing secret, and no
 * admin API or {@code admin.listen}. A destination type without a stand-in is left out (and said
 * so): nothing leaves the machine. Chat Data's API ({@code chat_data.api_base_url}, and the
 * {@code chat-data} destination of agents' replies) is played by the {@code chat-data} stand-in.
 */
final class DemoConfig {

    private DemoConfig() {}

    /** {@code standIn} gives the stand-in that plays a destination; {@code skipped} hears of each destination left out. */
    static RelayConfig redirect(RelayConfig config, Function<String, StandIn> standIn, Path store, Secret secret,
                                java.util.function.Consumer<DestinationConfig> skipped) {
        Map<String, DestinationConfig> destinations = new LinkedHashMap<>();
        config.destinations().forEach((name, destination) -> redirect(destination, standIn.apply(name))
                .ifPresentOrElse(d -> destinations.put(name, d), () -> skipped.accept(destination)));
        List<RouteConfig> routes = config.routes().stream()
                .map(r -> r.withTo(r.to().stream().filter(destinations::containsKey).toList())
                        .withUnclaimedTo(r.unclaimed().map(u -> u.to().stream().filter(destinations::containsKey)
                                .toList()).orElse(List.of())))
                .toList();
        ServerConfig server = config.server();
        ServerConfig loopback = new ServerConfig("127.0.0.1", 0, server.path(), server.maxBodyBytes(),
                server.readTimeout(), Optional.empty());
        ChatDataApiConfig api = config.chatDataApi().apiKey().isEmpty() ? ChatDataApiConfig.OFF
                : new ChatDataApiConfig(config.chatDataApi().apiKey(),
                        URI.create(standIn.apply(ChatDataDestination.NAME).http()));
        return new RelayConfig(loopback, List.of(secret),
                new StoreConfig("jdbc:sqlite:" + store, StoreConfig.DEFAULT_RETENTION), config.delivery(),
                Optional.empty(), destinations, routes, config.dedupeWindow(), api);
    }

    /** The destination with every address it would send to pointing at its stand-in; empty when its platform has none. */
    static Optional<DestinationConfig> redirect(DestinationConfig destination, StandIn at) {
        return Platforms.of(destination).standInFor(destination, at);
    }
}
