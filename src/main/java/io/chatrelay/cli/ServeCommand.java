package io.chatrelay.cli;

import io.chatrelay.Relay;
import io.chatrelay.config.ConfigWatcher;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.platform.Platforms;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(name = "serve", description = "Runs the relay until SIGTERM or SIGINT, then drains and exits 0.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    /**
     * How long sends in flight may finish after SIGTERM. Well inside Docker's default stop timeout
     * (10 s) and Kubernetes' grace period (30 s), with room to close the store; a send cut off stays
     * queued and goes out after the restart.
     */
    static final Duration DRAIN = Duration.ofSeconds(5);

    private enum State { STARTING, RUNNING }

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        // The signals are ours before anything slow happens: a stop during start-up (a database still
        // coming up) exits 0 at once instead of the JVM's 143, and SIGHUP never kills the process.
        AtomicReference<State> state = new AtomicReference<>(State.STARTING);
        AtomicReference<ConfigWatcher> watcher = new AtomicReference<>();
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stopRequested(state, stop));
        Signal.handle(new Signal("INT"), signal -> stopRequested(state, stop));
        Signal.handle(new Signal("HUP"), signal -> Optional.ofNullable(watcher.get()).ifPresent(ConfigWatcher::reloadNow));
        Optional<RelayConfig> loaded = config.load(spec.commandLine().getErr(), ConfigWatcher::logWarnings);
        if (loaded.isEmpty()) {
            return 1;
        }
        LOG.info("starting with {} (store {})", config.path(), loaded.get().store().displayUrl());
        Relay relay;
        try {
            relay = Relay.start(loaded.get());
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("cannot start: " + Failures.describe(e));
            return 1;
        }
        state.set(State.RUNNING);
        try (ConfigWatcher running = new ConfigWatcher(config.path(), relay, Platforms.fromSystemEnvironment())) {
            watcher.set(running);
            stop.await();
            watcher.set(null);
        }
        relay.stop(DRAIN);
        return 0;
    }

    /** Running: drain, then exit 0. Still starting: nothing has been accepted that is not in the store, so exit 0 now. */
    private static void stopRequested(AtomicReference<State> state, CountDownLatch stop) {
        if (state.get() == State.STARTING) {
            LOG.info("stopped during start-up");
            System.exit(0);
        }
        stop.countDown();
    }
}
