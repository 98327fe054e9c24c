package io.chatrelay.config;

import io.chatrelay.tasks.Periodic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the relay when its config file changes (or on {@link #reloadNow()}, which SIGHUP calls).
 * A new config is validated first: an invalid one is refused with every problem logged by field
 * path and line, and the last good config stays in force.
 *
 * <p>The file is read twice a second and compared with the last one loaded. Watching its directory
 * instead woke the JDK's watch thread on every write to a store kept beside it (as in {@code /data}):
 * 3-8 % of the relay's CPU under load. Reading also follows the symlink swaps of Kubernetes config
 * maps. A change is applied once two reads agree, so an editor caught half-way through writing is
 * not mistaken for an invalid config.
 */
public final class ConfigWatcher implements AutoCloseable {

    /** What the watcher reports to: the running relay, without this package depending on it. */
    public interface Listener {
        /** A valid new config was loaded. */
        void reload(RelayConfig next);

        /** A changed config was refused; the running one stays in force. */
        void reloadRejected();
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    static final Duration POLL = Duration.ofMillis(500);

    private final Path file;
    private final Listener relay;
    private final ConfigLoader loader;
    private final Periodic poller;
    private byte[] lastDigest;
    private byte[] seenDigest;

    public ConfigWatcher(Path file, Listener relay, ConfigLoader loader) {
        this.file = file.toAbsolutePath();
        this.relay = relay;
        this.loader = loader;
        this.lastDigest = digest();
        this.seenDigest = lastDigest;
        this.poller = Periodic.every("relay-config-watch", POLL, POLL, this::reloadIfChanged);
    }

    private synchronized void reloadIfChanged() {
        byte[] now = digest();
        boolean settled = Arrays.equals(now, seenDigest);
        seenDigest = now;
        if (now != null && settled && !Arrays.equals(now, lastDigest)) {
            reloadNow();
        }
    }

    /** Loads the file and applies it if valid; returns whether it was applied. */
    public synchronized boolean reloadNow() {
        lastDigest = digest();
        seenDigest = lastDigest;
        try {
            ConfigLoader.Loaded next = loader.check(file);
            logWarnings(file, next.warnings());
            relay.reload(next.config());
            return true;
        } catch (InvalidConfigException e) {
            relay.reloadRejected();
            LOG.error("config reload refused, the running config stays in force: {} {}", e.problems().size(),
                    e.problems().size() == 1 ? "problem" : "problems");
            for (ConfigProblem problem : e.problems()) {
                LOG.error("  {}", problem);
            }
        } catch (IOException | RuntimeException e) {
            relay.reloadRejected();
            LOG.error("config reload refused, the running config stays in force: cannot read {}: {}", file,
                    e.getClass().getSimpleName());
        }
        return false;
    }

    /** How {@code serve} reports what {@code validate} would warn about: at start and on every reload. */
    public static void logWarnings(Path file, java.util.List<ConfigProblem> warnings) {
        for (ConfigProblem warning : warnings) {
            LOG.warn("{}: {}", file, warning);
        }
    }

    private byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    @Override
    public void close() {
        poller.close();
    }

}
