package io.chatrelay.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSafeTest {

    @TempDir
    Path dir;

    @Test
    void escapesEveryCharacterThatCouldStartOrHideALine() {
        assertThat(LogSafe.value("a\r\nb\tc\u001b[2Jd\u2028e\u202ef\u0000"))
                .isEqualTo("a\\r\\nb\\tc\\u001b[2Jd\\u2028e\\u202ef\\u0000");
    }

    @Test
    void cutsALongValueAndSaysHowLongItWas() {
        String cut = LogSafe.value("y".repeat(900_000));

        assertThat(cut).startsWith("y".repeat(LogSafe.MAX_LENGTH)).endsWith("…(900000 chars)");
        assertThat(cut.length()).isLessThan(LogSafe.MAX_LENGTH + 20);
    }

    @Test
    void keepsOrdinaryTextAndNull() {
        assertThat(LogSafe.value("404 Unknown Webhook — é ✓")).isEqualTo("404 Unknown Webhook — é ✓");
        assertThat(LogSafe.value(null)).isEqualTo("null");
    }

    @Test
    void aReceiversAnswerCannotForgeOrHideLogLines() throws Exception {
        try (Sink crm = Sink.ok(); LogCapture log = new LogCapture()) {
            crm.alwaysAnswer(Sink.status(400, "{\"message\":\"bad\u2028[main] INFO forged\u001b[2J\"}"));
            try (Relay relay = Relay.start(RelayUnderTest.config(dir, """
                    destinations: {crm: {type: webhook, url: "%s"}}
                    routes: [{name: all, to: [crm]}]
                    """.formatted(crm.url("/hook"))))) {
                Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("c1", "m1"));

                Eventually.holds("the dead delivery is logged", () -> log.text().contains("dead event="));
                String line = log.text().lines().filter(l -> l.contains("dead event=")).findFirst().orElseThrow();
                assertThat(line).contains("bad\\u2028[main] INFO forged\\u001b[2J");
                assertThat(log.text()).doesNotContain("\u001b").doesNotContain("\u2028");
            }
        }
    }
}
