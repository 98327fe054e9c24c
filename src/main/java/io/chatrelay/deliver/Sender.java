package io.chatrelay.deliver;

import io.chatrelay.platform.OutboundRequest;
import java.io.IOException;
import java.time.Duration;

/** Sends one request over one transport; knows nothing about platforms. An IOException means no answer. */
interface Sender {

    HttpResult send(OutboundRequest request, Duration timeout) throws IOException;
}
