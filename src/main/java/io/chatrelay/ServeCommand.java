package io.chatrelay;

import io.chatrelay.config.RelayConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = "Runs the relay until SIGTERM or SIGINT.")
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
        Relay relay = Relay.start(loaded.get());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.stop(DRAIN);
            stopped.countDown();
        }, "relay-shutdown"));
        stopped.await();
        return 0;
    }
}
