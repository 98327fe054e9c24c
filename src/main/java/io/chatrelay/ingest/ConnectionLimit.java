package io.chatrelay.ingest;

import java.lang.management.ManagementFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;

/**
 * Keeps a listener's open connections below the process's limit of open files. Without it, a
 * thousand connections that never send a byte (each held for Jetty's idle timeout, and reopened)
 * use up every file descriptor: the relay then accepts no connection, not even {@code /healthz},
 * its store and its sends to destinations fail with "Too many open files", and Jetty logs a
 * warning with a stack trace every second. At the limit Jetty stops accepting (new connections
 * wait in the kernel's queue) and closes connections that are idle for more than a second, so
 * silent ones make room quickly.
 */
public final class ConnectionLimit {

    /** Left for the JVM's own files, the store and connections to destinations. */
    static final long RESERVED = 256;
    private static final long UNKNOWN_LIMIT = 10_240;
    private static final int MAX = 10_000;
    private static final long IDLE_AT_LIMIT_MILLIS = 1_000;

    private ConnectionLimit() {}

    /** Limits {@code jetty}'s connections to {@code share} of the open files the process may use. */
    public static void apply(Server jetty, double share) {
        NetworkConnectionLimit limit = new NetworkConnectionLimit(of(maxOpenFiles(), share), jetty);
        limit.setEndPointIdleTimeout(IDLE_AT_LIMIT_MILLIS);
        jetty.addBean(limit);
    }

    /** {@code share} of the files left after {@link #RESERVED}, at least 16 and at most {@link #MAX}. */
    static int of(long maxOpenFiles, double share) {
        long usable = Math.max(0, maxOpenFiles - RESERVED);
        return (int) Math.max(16, Math.min(MAX, (long) (usable * share)));
    }

    private static long maxOpenFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return UNKNOWN_LIMIT;
    }
}
