package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route's regex meets the visitor's text: Java's regex engine backtracks and recurses, so a
 * hostile value could hang the request ({@code ^(.*a){12}!} on {@code aaaa…}: n^12 steps) or blow its stack
 * ({@code ^(a|b)*$} on a long value; the event was then lost with a 500 and a 1,000-line trace).
 */
class RouteRegexTest {

    @TempDir
    Path dir;

    @Test
    void aValueThatMakesARouteRegexTooCostlyIsAcceptedAndTheRegexDoesNotHold() throws Exception {
        try (Sink sink = Sink.ok();
             LogCapture log = new LogCapture();
             Relay relay = Relay.start(RelayUnderTest.config(dir, """
                     destinations: {crm: {type: webhook, url: "%s"}, sales: {type: webhook, url: "%s"}}
                     routes:
                       - {name: backtracking, match: {marker: {regex: "^(.*a){12}!"}}, to: [sales]}
                       - {name: recursing, match: {conversation_id: {regex: "^(a|b)*$"}}, to: [sales]}
                       - {name: all, to: [crm]}
                     """.formatted(sink.url("/crm"), sink.url("/sales"))))) {
            List<Integer> statuses = new ArrayList<>();
            statuses.add(Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                    RelayUnderTest.chat("c1", "a".repeat(60))).status());
            statuses.add(Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                    RelayUnderTest.chat("ab".repeat(100_000), "m")).status());
            statuses.add(Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                    RelayUnderTest.chat("c2", "aaaaaaaaaaaa!")).status());

            assertThat(statuses).containsExactly(200, 200, 200);
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RecordedRequest request = sink.take(Duration.ofSeconds(10));
                paths.add(request.getTarget());
            }
            assertThat(paths).as("every event reaches the archive; only the harmless one matches the regex")
                    .containsExactlyInAnyOrder("/crm", "/crm", "/crm", "/sales");
            assertThat(log.text()).contains("route condition /^(.*a){12}!/ gave up on a value of 60 characters "
                    + "(too much backtracking); taken as not matching")
                    .contains("route condition /^(a|b)*$/ gave up on a value of 200000 characters (too deep for "
                            + "the stack)")
                    .doesNotContain("StackOverflowError");
        }
    }
}
