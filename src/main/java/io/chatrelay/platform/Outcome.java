package io.chatrelay.platform;

import java.time.Duration;
import java.util.Optional;

/** What a send means for its delivery. */
public sealed interface Outcome {

    /** Any 2xx. */
    record Delivered(int status) implements Outcome {}

    /** Worth trying again; {@code notBefore} is what the server asked for (Retry-After), if it did. */
    record Retry(int status, String reason, Optional<Duration> notBefore) implements Outcome {}

    /** Trying again cannot help (a 4xx other than 408, 425 and 429). */
    record Dead(int status, String reason) implements Outcome {}
}
