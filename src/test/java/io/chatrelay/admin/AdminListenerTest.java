package io.chatrelay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Path;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin.listen} moves the admin API and metrics off the public port; guessing the token is slowed. */
class AdminListenerTest {

    private static final String TOKEN = "admin-token-for-tests";

    @TempDir
    Path dir;

    @Test
    void withAdminListenThePublicPortServesOnlyTheWebhookAndHealth() throws Exception {
        try (Relay relay = Relay.start(RelayUnderTest.config(dir, """
                admin: {token: "%s", listen: "127.0.0.1:0"}
                destinations: {}
                routes: []
                """.formatted(TOKEN)))) {
            int admin = relay.adminPort().orElseThrow();

            assertThat(admin).isNotEqualTo(relay.port());
            assertThat(Http.get(relay.port(), "/metrics").status()).isEqualTo(404);
            assertThat(get(relay.port(), "/admin/deliveries", TOKEN).code()).isEqualTo(404);
            for (String path : List.of("/admin/", "/admin/console.js", "/admin/events", "/admin/routes")) {
                assertThat(get(relay.port(), path, TOKEN).code()).as("not on the public port: " + path).isEqualTo(404);
                assertThat(get(admin, path, TOKEN).code()).as("on the admin listener: " + path).isEqualTo(200);
            }
            assertThat(Http.get(relay.port(), "/healthz").status()).isEqualTo(200);
            assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("c1", "m1")).status())
                    .isEqualTo(200);

            assertThat(Http.get(admin, "/metrics").body()).contains("chatrelay_events_received_total");
            assertThat(get(admin, "/admin/deliveries", TOKEN).code()).isEqualTo(200);
            assertThat(Http.get(admin, "/webhooks/chat-data").status()).isEqualTo(404);
        }
    }

    @Test
    void withoutAdminListenEverythingStaysOnThePublicPort() throws Exception {
        try (Relay relay = Relay.start(RelayUnderTest.config(dir, """
                admin: {token: "%s"}
                destinations: {}
                routes: []
                """.formatted(TOKEN)))) {
            assertThat(relay.adminPort()).isEmpty();
            assertThat(Http.get(relay.port(), "/metrics").status()).isEqualTo(200);
            assertThat(get(relay.port(), "/admin/deliveries", TOKEN).code()).isEqualTo(200);
        }
    }

    @Test
    void repeatedWrongTokensFromOneAddressGet429WithRetryAfter() throws Exception {
        try (Relay relay = Relay.start(RelayUnderTest.config(dir, """
                admin: {token: "%s"}
                destinations: {}
                routes: []
                """.formatted(TOKEN)))) {
            for (int i = 0; i < FailedLogins.ALLOWED; i++) {
                assertThat(get(relay.port(), "/admin/deliveries", "guess-" + i).code()).isEqualTo(401);
            }

            try (Response limited = call(relay.port(), "/admin/deliveries", "guess-next");
                 Response evenTheRightOne = call(relay.port(), "/admin/deliveries", TOKEN)) {
                assertThat(limited.code()).isEqualTo(429);
                assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 12L);
                assertThat(limited.body().string()).startsWith("{\"error\":\"too many failed admin authentications");
                assertThat(evenTheRightOne.code()).isEqualTo(429);
            }
            assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, RelayUnderTest.chat("c1", "m1")).status())
                    .as("the webhook is not limited").isEqualTo(200);
        }
    }

    private static Response call(int port, String path, String token) {
        try {
            return new okhttp3.OkHttpClient().newCall(new Request.Builder().url("http://127.0.0.1:" + port + path)
                    .header("Authorization", "Bearer " + token).build()).execute();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Response get(int port, String path, String token) {
        try (Response response = call(port, path, token)) {
            return response;
        }
    }
}
