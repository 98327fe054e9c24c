package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No other replica may take over a delivery while a send of it can still be running; each destination has its own lease. */
class LeaseTest {

    @TempDir
    Path dir;

    @Test
    void aClaimOutlastsAWaitAndASendAtItsDestinationsTimeoutNotAnotherDestinations() throws Exception {
        RelayConfig config = RelayUnderTest.config(dir, """
                delivery: {timeout: 10s}
                destinations:
                  crm: {type: webhook, url: "http://127.0.0.1:9/crm", timeout: 30s}
                  support: {type: webhook, url: "http://127.0.0.1:9/support"}
                routes: []
                """);

        assertThat(config.lease("crm")).isGreaterThan(Duration.ofSeconds(60));
        assertThat(config.lease("support")).as("a dead replica's support messages are not held for the CRM's timeout")
                .isGreaterThan(Duration.ofSeconds(20)).isLessThan(Duration.ofSeconds(30));
    }
}
