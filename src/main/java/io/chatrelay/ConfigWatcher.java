package io.chatrelay;

import io.chatrelay.config.ConfigLoader;
import io.chatrelay.config.ConfigProblem;
import io.chatrelay.config.InvalidConfigException;
import io.chatrelay.config.RelayConfig;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the relay when its config file changes (or on {@link #reloadNow()}, which SIGHUP calls).
 * A new config is validated first: an invalid one is refused with every problem logged by field
 * path and line, and the last good config stays in force.
 */
final class ConfigWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final long SETTLE_MILLIS = 150;

    private final Path file;
    private final Relay relay;
    private final ConfigLoader loader;
    private final WatchService watcher;
    private final Thread thread;
    private byte[] lastDigest;

    ConfigWatcher(Path file, Relay relay, ConfigLoader loader) throws IOException {
        this.file = file.toAbsolutePath();
        this.relay = relay;
        this.loader = loader;
        this.lastDigest = digest();
        this.watcher = this.file.getFileSystem().newWatchService();
        this.file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::watch, "relay-config-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                // editors write in several steps: wait until the directory is quiet, then look once
                for (WatchKey more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS); more != null;
                     more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) {
                    more.pollEvents();
                    more.reset();
                }
                key.pollEvents();
                key.reset();
                reloadIfChanged();
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closing
        }
    }

    private synchronized void reloadIfChanged() {
        byte[] now = digest();
        if (now != null && !Arrays.equals(now, lastDigest)) {
            reloadNow();
        }
    }

    /** Loads the file and applies it if valid; returns whether it was applied. */
    synchronized boolean reloadNow() {
        lastDigest = digest();
        try {
            RelayConfig next = loader.load(file);
            relay.reload(next);
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

    private byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException ignored) {
            // closing
        }
        thread.interrupt();
    }

}
