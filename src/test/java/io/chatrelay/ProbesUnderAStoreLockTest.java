package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another process holds the SQLite store's write lock ({@code sqlite3 relay.db 'BEGIN EXCLUSIVE;'})
 * while an event waits for it: the liveness and readiness probes, the metrics and the console's
 * counts still answer at once, from what the background checks last found. A probe that waited
 * for the store (up to its 10 s busy timeout) would have an orchestrator restart a relay that was
 * doing the right thing.
 */
class ProbesUnderAStoreLockTest {

    private static final String ADMIN_TOKEN = "admin-token-for-probes";
    /** Far below the store's busy timeout: an endpoint that waits for the store cannot answer within it. */
    private static final OkHttpClient IMPATIENT = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(3)).build();

    @TempDir
    Path dir;

    @Test
    void healthReadinessMetricsAndCountsAnswerWhileAnotherProcessHoldsTheStoreLock() throws Exception {
        try (Sink sink = Sink.ok(); Relay relay = Relay.start(RelayUnderTest.config(dir, """
                admin: {token: "%s"}
                destinations: {crm: {type: webhook, url: "%s"}}
                routes: [{name: all, to: [crm]}]
                """.formatted(ADMIN_TOKEN, sink.url("/hook"))))) {
            CompletableFuture<Http.Reply> waiting;
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"));
                 Statement sql = other.createStatement()) {
                sql.execute("BEGIN EXCLUSIVE");
                waiting = CompletableFuture.supplyAsync(() -> Http.postSigned(relay.port(), RelayUnderTest.SECRET,
                        RelayUnderTest.chat("c1", "held")));
                Eventually.holds("the relay waits for the lock inside the store", () -> aThreadWaitsInsideTheStore());

                for (String path : List.of("/healthz", "/readyz", "/metrics", "/admin/destinations")) {
                    assertThat(answered(relay, path)).as(path + " answered while the store was locked")
                            .isIn(200, 503);
                }
                assertThat(answered(relay, "/healthz")).isEqualTo(200);
                sql.execute("ROLLBACK");
            }
            assertThat(waiting.get().status()).as("the event went through once the lock was gone").isEqualTo(200);
            assertThat(sink.take().getBody().utf8()).contains("held");
        }
    }

    private static int answered(Relay relay, String path) throws Exception {
        Request request = new Request.Builder().url("http://127.0.0.1:" + relay.port() + path)
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build();
        try (Response response = IMPATIENT.newCall(request).execute()) {
            return response.code();
        }
    }

    /**
     * The relay's one SQLite connection is inside a statement waiting for the lock the test holds:
     * the event's write, or a background count or check that got there first. Either way every
     * other use of the store now waits behind it.
     */
    private static boolean aThreadWaitsInsideTheStore() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> {
            List<String> frames = Arrays.stream(stack).map(StackTraceElement::getClassName).toList();
            return frames.stream().anyMatch(name -> name.startsWith("org.sqlite"))
                    && frames.stream().anyMatch(name -> name.startsWith("io.chatrelay.store"));
        });
    }
}
