package io.chatrelay.platform;

import java.time.Duration;
import java.util.Optional;

/**
 * What a send means for its delivery, as its platform's {@link Platform#classify} reads the answer;
 * {@code status} is the answer's (HTTP status or SMTP reply code), 0 when there was none.
 */
public sealed interface Outcome {

    /**
     * The destination took it: for most platforms a 2xx, but not every 2xx (Slack's Web API answers
     * 200 with {@code "ok": false} when it refused the message, which is retried or dead by its error).
     */
    record Delivered(int status) implements Outcome {}

    /**
     * Worth trying again (for most platforms a 408, 425, 429 or 5xx, and a send that got no answer);
     * {@code notBefore} is what the server asked for (Retry-After), if it did.
     */
    record Retry(int status, String reason, Optional<Duration> notBefore) implements Outcome {}

    /**
     * Trying again cannot help: for most platforms any other status, and a request that could not be
     * rendered or sent.
     */
    record Dead(int status, String reason) implements Outcome {}

    /**
     * Settled without sending: a follow-up whose escalation was taken or whose visitor left, an edit
     * of a message that was never posted. Nothing went to the destination.
     */
    record Skipped(String reason) implements Outcome {}
}
