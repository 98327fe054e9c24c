package io.chatrelay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private Instant now = Instant.parse("2026-12-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void anAddressPastItsTriesWaitsForTheNextOneAndOthersDoNot() {
        FailedLogins logins = new FailedLogins(clock);
        for (int i = 0; i < FailedLogins.ALLOWED; i++) {
            assertThat(logins.waitFor("10.0.0.1")).isZero();
            logins.failed("10.0.0.1");
        }

        assertThat(logins.waitFor("10.0.0.1")).isEqualTo(FailedLogins.REFILL);
        assertThat(logins.waitFor("10.0.0.2")).isZero();

        now = now.plus(FailedLogins.REFILL.minusSeconds(2));
        assertThat(logins.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        now = now.plusSeconds(2);
        assertThat(logins.waitFor("10.0.0.1")).isZero();
    }
}
