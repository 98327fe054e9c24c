package io.chatrelay.ingest;

import io.chatrelay.log.LogBudget;
import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.tasks.Periodic;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose request headers are still arriving {@code server.read_timeout} after
 * their first byte: a client that sends a header line every few seconds keeps Jetty's idle timeout
 * from ever firing, and would hold its connection for as long as it likes. Once the headers are
 * complete, {@link RequestReader} holds the same deadline for the body. When the listener is short
 * of connections ({@link ConnectionLimit}), headers get a second, and so do bodies: a connection
 * whose request, headers and body, is not in a second after its first byte is closed.
 *
 * <p>Looks at every connection once a second. A connection is closed only when two looks in a row
 * see the same request begun too long ago, so a request that has just begun on a kept-alive
 * connection is never mistaken for the one before it.
 */
public final class HeaderDeadline extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final Server server;
    private final Duration readTimeout;
    private final BooleanSupplier shortOfConnections;
    private final RelayMetrics metrics;
    /** The begin time of the request each late connection was reading at the last look. */
    private final Map<EndPoint, Long> late = new ConcurrentHashMap<>();
    private Periodic looks;

    HeaderDeadline(Server server, Duration readTimeout, BooleanSupplier shortOfConnections, RelayMetrics metrics) {
        this.server = server;
        this.readTimeout = readTimeout;
        this.shortOfConnections = shortOfConnections;
        this.metrics = metrics;
    }

    @Override
    protected void doStart() {
        looks = Periodic.every("header-deadline", EVERY, EVERY, this::look);
    }

    @Override
    protected void doStop() {
        looks.close();
        late.clear();
    }

    private void look() {
        try {
            boolean shortNow = shortOfConnections.getAsBoolean();
            long deadline = (shortNow ? ConnectionLimit.WHEN_SHORT : readTimeout).toNanos();
            Set<EndPoint> seen = new java.util.HashSet<>();
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof AbstractConnector open) {
                    open.getConnectedEndPoints().forEach(endPoint -> {
                        seen.add(endPoint);
                        check(endPoint, deadline, shortNow);
                    });
                }
            }
            late.keySet().retainAll(seen);
        } catch (RuntimeException e) {
            LogBudget.SHARED.write("header deadline failed", note -> LOG.warn(
                    "checking for slow requests failed: {}{}", e.getClass().getSimpleName(), note));
        }
    }

    private void check(EndPoint endPoint, long deadlineNanos, boolean bodiesToo) {
        if (!(endPoint.getConnection() instanceof HttpConnection http)) {
            return;
        }
        HttpParser parser = http.getParser();
        long begun = parser.getBeginNanoTime();
        boolean reading = (parser.inHeaderState() && !parser.isState(HttpParser.State.START))
                || (bodiesToo && parser.inContentState());
        if (!reading || NanoTime.since(begun) < deadlineNanos) {
            late.remove(endPoint);
            return;
        }
        Long before = late.put(endPoint, begun);
        if (before != null && before == begun) {
            late.remove(endPoint);
            metrics.requestRejected("timeout");
            LOG.debug("closed a connection whose request was not complete within {}ms",
                    deadlineNanos / 1_000_000);
            endPoint.close();
        }
    }
}
