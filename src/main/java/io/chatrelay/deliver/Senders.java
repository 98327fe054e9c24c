package io.chatrelay.deliver;

import io.chatrelay.platform.Transport;
import java.time.Duration;

/**
 * One sender for each {@link Transport} a platform's requests travel by, given to the dispatcher
 * whole, so that a test can put a stand-in in place of either. The switch in {@link #over} has a
 * case for each transport, so a new one cannot be forgotten.
 */
public final class Senders implements AutoCloseable {

    private final Sender http;
    private final Sender smtp;

    Senders(Sender http, Sender smtp) {
        this.http = http;
        this.smtp = smtp;
    }

    /** The real ones: OkHttp, whose calls end after {@code httpTimeout} unless a destination says otherwise, and Jakarta Mail. */
    public static Senders real(Duration httpTimeout) {
        return new Senders(new HttpSender(httpTimeout), new SmtpSender());
    }

    /** The sender for requests that travel by {@code transport}. */
    Sender over(Transport transport) {
        return switch (transport) {
            case HTTP -> http;
            case SMTP -> smtp;
        };
    }

    /** Lets go of what the senders keep open (HTTP's connection pool). */
    @Override
    public void close() {
        http.close();
        smtp.close();
    }
}
