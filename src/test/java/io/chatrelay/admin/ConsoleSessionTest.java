package io.chatrelay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the console is served and signed into, over plain HTTP: what a browser relies on. */
class ConsoleSessionTest {

    private static final String TOKEN = "console-session-token";
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder().followRedirects(false)
            .callTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;

    private Relay start(String admin) throws Exception {
        return Relay.start(RelayUnderTest.config(dir, admin + "routes: []\n"));
    }

    private static Response call(Request request) throws IOException {
        return CLIENT.newCall(request).execute();
    }

    @Test
    void servesThePageWithAStrictContentSecurityPolicyAndOnlyItsOwnFiles() throws Exception {
        try (Relay relay = start("admin: {token: " + TOKEN + "}\n");
             Response page = call(new Request.Builder().url("http://127.0.0.1:" + relay.port() + "/admin/").build());
             Response script = call(new Request.Builder().url("http://127.0.0.1:" + relay.port()
                     + "/admin/console.js").build())) {
            String html = page.body().string();

            assertThat(page.code()).isEqualTo(200);
            assertThat(page.header("Content-Security-Policy")).isEqualTo("default-src 'none'; script-src 'self'; "
                    + "style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; "
                    + "frame-ancestors 'none'; base-uri 'none'");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(html).contains("<script src=\"/admin/console.js\" defer></script>", "type=\"password\"")
                    .doesNotContain("<style", "style=", "onclick", "http://", "https://");
            assertThat(html.replace("<script src=\"/admin/console.js\" defer></script>", "")).doesNotContain("<script");
            assertThat(script.header("Content-Type")).startsWith("text/javascript");
            assertThat(script.body().string()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
                    "document.write", "eval(");
        }
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieThatWorksOnlyWithTheConsolesHeader() throws Exception {
        try (Relay relay = start("admin: {token: " + TOKEN + "}\n")) {
            String base = "http://127.0.0.1:" + relay.port();
            Response wrong = call(new Request.Builder().url(base + "/admin/session")
                    .post(new FormBody.Builder().add("token", "guess").build()).build());
            Response right = call(new Request.Builder().url(base + "/admin/session")
                    .post(new FormBody.Builder().add("token", TOKEN).build()).build());
            String cookie = right.header("Set-Cookie");
            wrong.close();
            right.close();

            assertThat(wrong.code()).isEqualTo(401);
            assertThat(wrong.header("Set-Cookie")).isNull();
            assertThat(right.code()).isEqualTo(204);
            assertThat(cookie).startsWith("relay_console=").contains("; Path=/admin", "; HttpOnly",
                    "; SameSite=Strict", "; Max-Age=28800").doesNotContain(TOKEN);
            String value = cookie.substring(0, cookie.indexOf(';'));
            Http.Reply withHeader = Http.execute(new Request.Builder().url(base + "/admin/deliveries")
                    .header("Cookie", value).header(AdminApi.CONSOLE_HEADER, "1").build());
            Http.Reply withoutHeader = Http.execute(new Request.Builder().url(base + "/admin/deliveries")
                    .header("Cookie", value).build());
            Http.Reply forged = Http.execute(new Request.Builder().url(base + "/admin/deliveries")
                    .header("Cookie", "relay_console=99999999999.forged").header(AdminApi.CONSOLE_HEADER, "1").build());
            assertThat(withHeader.status()).isEqualTo(200);
            assertThat(withoutHeader.status()).as("a cross-site form cannot add the header").isEqualTo(401);
            assertThat(forged.status()).isEqualTo(401);
        }
    }

    @Test
    void everyAdminAnswerCarriesTheSecurityHeadersErrorsIncluded() throws Exception {
        try (Relay relay = start("admin: {token: " + TOKEN + "}\n")) {
            String base = "http://127.0.0.1:" + relay.port();
            Request ok = new Request.Builder().url(base + "/admin/routes").header("Authorization", "Bearer " + TOKEN)
                    .build();
            Request badRequest = new Request.Builder().url(base + "/admin/deliveries?limit=x")
                    .header("Authorization", "Bearer " + TOKEN).build();
            Request unauthorised = new Request.Builder().url(base + "/admin/deliveries").build();
            Request missing = new Request.Builder().url(base + "/admin/events/nothing-here")
                    .header("Authorization", "Bearer " + TOKEN).build();
            for (Request request : java.util.List.of(ok, badRequest, unauthorised, missing)) {
                try (Response answer = call(request)) {
                    assertThat(answer.header("X-Content-Type-Options")).as(request.url().encodedPath())
                            .isEqualTo("nosniff");
                    assertThat(answer.header("X-Frame-Options")).as(request.url().encodedPath()).isEqualTo("DENY");
                    assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
                    assertThat(answer.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
                }
            }
        }
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefusedAndSetsNoCookie() throws Exception {
        try (Relay relay = start("admin: {token: " + TOKEN + "}\n")) {
            String base = "http://127.0.0.1:" + relay.port();
            java.util.function.Function<String[], Response> signIn = headers -> {
                Request.Builder request = new Request.Builder().url(base + "/admin/session")
                        .post(new FormBody.Builder().add("token", TOKEN).build());
                for (int i = 0; i < headers.length; i += 2) {
                    request.header(headers[i], headers[i + 1]);
                }
                try {
                    return call(request.build());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };

            try (Response fetchCrossSite = signIn.apply(new String[] {"Sec-Fetch-Site", "cross-site"});
                 Response otherOrigin = signIn.apply(new String[] {"Origin", "https://evil.example"});
                 Response nullOrigin = signIn.apply(new String[] {"Origin", "null"});
                 Response sameOrigin = signIn.apply(new String[] {"Origin", base, "Sec-Fetch-Site", "same-origin"});
                 Response ownOrigin = signIn.apply(new String[] {"Origin", base});
                 Response noBrowser = signIn.apply(new String[0])) {
                for (Response refused : java.util.List.of(fetchCrossSite, otherOrigin, nullOrigin)) {
                    assertThat(refused.code()).isEqualTo(403);
                    assertThat(refused.header("Set-Cookie")).isNull();
                    assertThat(refused.body().string()).startsWith("{\"error\":\"sign-in from another site refused");
                }
                assertThat(sameOrigin.code()).isEqualTo(204);
                assertThat(ownOrigin.code()).isEqualTo(204);
                assertThat(noBrowser.code()).as("curl sends no Origin").isEqualTo(204);
                assertThat(ownOrigin.header("Set-Cookie")).startsWith("relay_console=");
            }
        }
    }

    @Test
    void aSessionEndsWhenTheTokenChanges() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        String cookie = ConsoleSession.issue(new io.chatrelay.config.Secret("old"), now, false);
        String value = cookie.substring("relay_console=".length(), cookie.indexOf(';'));

        assertThat(ConsoleSession.valid(value, new io.chatrelay.config.Secret("old"), now)).isTrue();
        assertThat(ConsoleSession.valid(value, new io.chatrelay.config.Secret("new"), now)).isFalse();
        assertThat(ConsoleSession.valid(value, new io.chatrelay.config.Secret("old"),
                now.plus(ConsoleSession.LIFETIME).plusSeconds(1))).as("expired").isFalse();
    }

    @Test
    void theConsoleIsAbsentWithoutAnAdminToken() throws Exception {
        try (Relay relay = start("")) {
            assertThat(Http.get(relay.port(), "/admin/").status()).isEqualTo(404);
            assertThat(Http.get(relay.port(), "/admin/console.js").status()).isEqualTo(404);
            assertThat(Http.post(relay.port(), "/admin/session", Http.utf8("token=x"), null, null).status())
                    .isEqualTo(404);
        }
    }

    @Test
    void wrongTokensInTheSignInFormAreLimitedLikeWrongBearerTokens() throws Exception {
        try (Relay relay = start("admin: {token: " + TOKEN + "}\n")) {
            Request.Builder guess = new Request.Builder().url("http://127.0.0.1:" + relay.port() + "/admin/session");
            for (int i = 0; i < FailedLogins.ALLOWED; i++) {
                try (Response wrong = call(guess.post(new FormBody.Builder().add("token", "guess-" + i).build())
                        .build())) {
                    assertThat(wrong.code()).isEqualTo(401);
                }
            }
            try (Response limited = call(guess.post(new FormBody.Builder().add("token", TOKEN).build()).build())) {
                assertThat(limited.code()).as("even the right token, until the address may try again").isEqualTo(429);
                assertThat(limited.header("Set-Cookie")).isNull();
            }
        }
    }
}
