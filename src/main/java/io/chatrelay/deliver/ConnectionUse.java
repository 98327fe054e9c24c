package io.chatrelay.deliver;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Response;

/**
 * What one send did with its connection, told by OkHttp's events: whether the connection came
 * from the pool, and whether the receiver answered on it. Travels as a tag of the request.
 */
final class ConnectionUse {

    /** The client's one listener: records into the {@link ConnectionUse} tag of each call's request. */
    static final EventListener LISTENER = new EventListener() {
        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            ConnectionUse use = call.request().tag(ConnectionUse.class);
            if (use != null) {
                use.connected = true;
            }
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            ConnectionUse use = call.request().tag(ConnectionUse.class);
            if (use != null) {
                use.acquired = true;
            }
        }

        @Override
        public void responseHeadersEnd(Call call, Response response) {
            ConnectionUse use = call.request().tag(ConnectionUse.class);
            if (use != null) {
                use.answered = true;
            }
        }
    };

    private volatile boolean connected;
    private volatile boolean acquired;
    private volatile boolean answered;

    /**
     * True when {@code failure} came on a connection taken from the pool, before any answer, and
     * not from a timeout: the receiver had closed the connection while it was idle, so the request
     * reached nobody. A timeout, an answer cut short, or a failure on a new connection may have
     * reached the receiver: those are attempts.
     */
    boolean closedWhileIdle(IOException failure) {
        return acquired && !connected && !answered && !(failure instanceof InterruptedIOException);
    }
}
