package io.chatrelay.cli;

import io.chatrelay.Relay;
import io.chatrelay.config.ConfigLoader;
import io.chatrelay.config.ConfigWatcher;
import io.chatrelay.config.RelayConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(name = "serve", description = "Runs the relay until SIGTERM or SIGINT, then drains and exits 0.")
final class ServeCommand implements Callable<Integer> {

    private static final Duration DRAIN = Duration.ofSeconds(10);

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Optional<RelayConfig> loaded = config.load(spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return 1;
        }
        Relay relay;
        try {
            relay = Relay.start(loaded.get());
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (ConfigWatcher watcher = new ConfigWatcher(config.path(), relay, ConfigLoader.fromSystemEnvironment())) {
            // Handling the signals ourselves (instead of a shutdown hook) lets a clean drain exit 0, not 143.
            Signal.handle(new Signal("TERM"), signal -> stop.countDown());
            Signal.handle(new Signal("INT"), signal -> stop.countDown());
            Signal.handle(new Signal("HUP"), signal -> watcher.reloadNow());
            stop.await();
        }
        relay.stop(DRAIN);
        return 0;
    }
}
