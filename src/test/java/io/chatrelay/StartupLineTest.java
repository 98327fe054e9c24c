package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up line tells a newcomer where the console is, or how to turn it on. */
class StartupLineTest {

    @TempDir
    Path dir;

    @Test
    void theStartUpLineSaysWhereTheConsoleIs() throws Exception {
        try (LogCapture log = new LogCapture();
             Relay relay = Relay.start(RelayUnderTest.config(dir, """
                     admin: {token: "admin-token-never-logged"}
                     routes: []
                     """))) {
            assertThat(startLine(log)).contains("console at http://localhost:" + relay.port() + "/admin/",
                    "with 0 destinations and 0 routes").doesNotContain("admin-token-never-logged");
        }
    }

    @Test
    void theStartUpLineSaysTheConsoleIsOffAndWhichKeyTurnsItOn() throws Exception {
        try (LogCapture log = new LogCapture(); Relay relay = Relay.start(RelayUnderTest.config(dir, "routes: []\n"))) {
            assertThat(startLine(log)).contains("console and admin API off (set admin.token to turn them on)");
        }
    }

    @Test
    void withItsOwnListenerTheConsoleIsThere() throws Exception {
        try (LogCapture log = new LogCapture();
             Relay relay = Relay.start(RelayUnderTest.config(dir, """
                     admin: {token: t, listen: "127.0.0.1:0"}
                     routes: []
                     """))) {
            assertThat(startLine(log)).contains("console at http://127.0.0.1:" + relay.adminPort().orElseThrow()
                    + "/admin/ (admin API and metrics on that listener only)");
        }
    }

    private static String startLine(LogCapture log) {
        return log.text().lines().filter(line -> line.contains("relay listening on")).findFirst().orElseThrow();
    }
}
