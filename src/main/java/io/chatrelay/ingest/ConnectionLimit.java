package io.chatrelay.ingest;

import io.chatrelay.metrics.RelayMetrics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.jetty.server.LowResourceMonitor;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a listener's open connections below the process's limit of open files, and makes the slow
 * ones give way as they near it. Without a cap, a thousand connections that never send a byte use
 * up every file descriptor: the relay then accepts no connection, not even {@code /healthz}, and
 * its store and its sends fail with "Too many open files". At the cap Jetty stops accepting (new
 * connections wait in the kernel's queue) and closes connections idle for more than a second.
 *
 * <p>That alone does not free a place held by a client that sends a header byte now and then: it
 * is never idle, and {@link HeaderDeadline} gives it {@code server.read_timeout}. So from
 * {@link #NEAR} of the cap, Jetty's {@link LowResourceMonitor} shrinks every connection's idle
 * timeout to a second and {@link HeaderDeadline} gives headers a second: the connections that are
 * slow to say what they want are the ones closed, and signed events and health checks get their
 * places back within seconds.
 */
public final class ConnectionLimit {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);
    /** Left for the JVM's own files, the store and connections to destinations. */
    static final long RESERVED = 256;
    private static final long UNKNOWN_LIMIT = 10_240;
    private static final int MIN = 16;
    private static final int MAX = 10_000;
    /** From this share of the cap, connections are short of it: timeouts shrink to {@link #WHEN_SHORT}. */
    static final double NEAR = 0.75;
    static final Duration WHEN_SHORT = Duration.ofSeconds(1);
    private static final int LOOK_EVERY_MILLIS = 250;

    private ConnectionLimit() {}

    /**
     * Limits {@code jetty}'s connections to {@code share} of the open files the process may use,
     * closes headers late by {@code readTimeout} (a second near the cap), and says so in the log.
     */
    public static void apply(Server jetty, double share, Duration readTimeout, RelayMetrics metrics) {
        long openFiles = maxOpenFiles();
        int cap = of(openFiles, share);
        LOG.info(describe(openFiles, share, cap));
        apply(jetty, cap, readTimeout, metrics);
    }

    /** Limits {@code jetty}'s connections to {@code cap}. */
    static void apply(Server jetty, int cap, Duration readTimeout, RelayMetrics metrics) {
        NetworkConnectionLimit limit = new NetworkConnectionLimit(cap, jetty);
        limit.setEndPointIdleTimeout(WHEN_SHORT.toMillis());
        jetty.addBean(limit);
        LowResourceMonitor monitor = new LowResourceMonitor(jetty);
        monitor.setMonitorThreads(false); // Javalin's pool is sized for the relay; connections are the scarce part
        monitor.setPeriod(LOOK_EVERY_MILLIS);
        monitor.setLowResourcesIdleTimeout((int) WHEN_SHORT.toMillis());
        int near = (int) Math.ceil(cap * NEAR);
        monitor.addLowResourceCheck(new LowResourceMonitor.LowResourceCheck() {
            @Override
            public boolean isLowOnResources() {
                return limit.getNetworkConnectionCount() + limit.getPendingNetworkConnectionCount() >= near;
            }

            @Override
            public String getReason() {
                return "connections at " + near + " of the cap of " + cap;
            }
        });
        jetty.addBean(monitor);
        jetty.addBean(new HeaderDeadline(jetty, readTimeout, monitor::isLowOnResources, metrics));
    }

    /** {@code share} of the files left after {@link #RESERVED}, at least 16 and at most {@link #MAX}. */
    static int of(long maxOpenFiles, double share) {
        long usable = Math.max(0, maxOpenFiles - RESERVED);
        return (int) Math.max(MIN, Math.min(MAX, (long) (usable * share)));
    }

    /** The start-up line: the cap and where it comes from, so that an operator knows what to raise. */
    static String describe(long maxOpenFiles, double share, int cap) {
        return String.format(Locale.ROOT, "at most %d connections on this listener: %d%% of the %d open files "
                + "the process may have (ulimit -n) less %d kept for the store and sends, within %d to %d; from %d "
                + "on, idle and header timeouts shrink to %ds so that slow clients give way (raise ulimit -n for more)",
                cap, Math.round(share * 100), maxOpenFiles, RESERVED, MIN, MAX, (int) Math.ceil(cap * NEAR),
                WHEN_SHORT.toSeconds());
    }

    private static long maxOpenFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return UNKNOWN_LIMIT;
    }
}
