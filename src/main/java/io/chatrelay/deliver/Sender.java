package io.chatrelay.deliver;

import io.chatrelay.platform.OutboundRequest;
import java.io.IOException;
import java.time.Duration;

/**
 * Sends one request over one transport; knows nothing about platforms. An IOException means no
 * answer at all. {@link #close} lets go of what the sender keeps open, if anything.
 */
interface Sender extends AutoCloseable {

    SendResult send(OutboundRequest request, Duration timeout) throws IOException;

    @Override
    default void close() {}
}
