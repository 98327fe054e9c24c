package io.chatrelay.cli;

import io.chatrelay.admin.DeliveryActions;
import io.chatrelay.admin.Replays;
import io.chatrelay.admin.Stories;
import io.chatrelay.config.Redactor;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.StoreConfig;
import io.chatrelay.store.History;
import io.chatrelay.store.Maintenance;
import io.chatrelay.store.Store;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The store a config names, opened for a tool that runs beside the relay, with the config's redactor.
 * The store comes from the {@code store} section alone, read strictly (its password must be set); the
 * rest of the config only feeds the redactor, so a variable of a destination that this shell does
 * not have gets a placeholder: the tools need no destination's secret in their environment.
 */
record OpenStore(Store store, Redactor redactor) implements AutoCloseable {

    static Optional<OpenStore> open(ConfigOption config, PrintWriter err) {
        Optional<StoreConfig> store = config.loadStore(err);
        Optional<RelayConfig> loaded = store.isEmpty() ? Optional.empty() : config.loadForRedaction(err);
        return loaded.map(c -> new OpenStore(Store.openForTools(store.get()), Redactor.of(c)));
    }

    /**
     * Runs {@code work} on the store the config names and returns its exit code; 1, after saying
     * why on {@code err}, when the store cannot be opened.
     */
    static int with(ConfigOption config, PrintWriter err, ToIntFunction<OpenStore> work) {
        Optional<OpenStore> store = open(config, err);
        if (store.isEmpty()) {
            return 1;
        }
        try (OpenStore opened = store.get()) {
            return work.applyAsInt(opened);
        }
    }

    History history() {
        return store.history();
    }

    Maintenance maintenance() {
        return store.maintenance();
    }

    Stories stories() {
        return new Stories(store.history(), redactor);
    }

    DeliveryActions actions() {
        return new DeliveryActions(store.history(), store.maintenance());
    }

    Replays replays() {
        return new Replays(store.history(), store.maintenance());
    }

    @Override
    public void close() {
        store.close();
    }
}
