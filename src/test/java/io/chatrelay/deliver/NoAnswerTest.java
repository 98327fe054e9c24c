package io.chatrelay.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.platform.Outcome;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A send that got no answer at all, on any platform: retried, with a reason that shows no credentials. */
class NoAnswerTest {

    @Test
    void retriesTimeoutsAndNetworkErrors() {
        assertThat(NoAnswer.outcome(new SocketTimeoutException("timeout")))
                .isEqualTo(new Outcome.Retry(0, "timeout: SocketTimeoutException", Optional.empty()));
        assertThat(NoAnswer.outcome(new java.net.SocketException("Connection reset")))
                .isEqualTo(new Outcome.Retry(0, "network error: SocketException: Connection reset", Optional.empty()));
        assertThat(NoAnswer.outcome(new IOException()))
                .isEqualTo(new Outcome.Retry(0, "network error: IOException", Optional.empty()));
    }

    @Test
    void aNetworkErrorsReasonShowsNoCredentialsOfAUrlItQuotes() {
        assertThat(NoAnswer.outcome(new IOException(
                "unexpected end of stream on https://user:pw@api.telegram.org/bot123:SECRET/sendMessage?x=1 (reused)")))
                .isEqualTo(new Outcome.Retry(0, "network error: IOException: unexpected end of stream on "
                        + "https://api.telegram.org/*** (reused)", Optional.empty()));
    }
}
