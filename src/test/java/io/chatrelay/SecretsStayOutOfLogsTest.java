package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.chatrelay.cli.Cli;
import io.chatrelay.config.ConfigLoader;
import io.chatrelay.platform.PlatformCase;
import io.chatrelay.platform.PlatformKit;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every destination type through every way a send can fail, with servers that echo what they got:
 * no secret may reach a log line, a reply, the admin API or {@code preview}.
 */
class SecretsStayOutOfLogsTest {

    private static final String SIGNING_SECRET = "signing-SECRET-1a2b3c";
    private static final String ADMIN_TOKEN = "admin-SECRET-token-42";
    private static final String SLACK_PATH = "/services/T0SECRET/B0SECRET/slackSECRETtoken123";
    private static final String DISCORD_PATH = "/api/webhooks/99887766/discordSECRETtoken456";
    private static final String TEAMS_PATH = "/workflows/abc/triggers/manual/paths/invoke?sig=teamsSECRETsig789";
    private static final String SLACK_BOT_TOKEN = "xoxb-1111-SECRET-bot";
    private static final String TELEGRAM_TOKEN = "123456:TELEGRAM-SECRET-token";
    private static final String CRM_TOKEN = "crmSECRETtoken789";
    private static final String WHSEC = "whsec_c2VjcmV0LWtleS1TRUNSRVQ=";
    private static final String MATTERMOST_PATH = "/hooks/mmSECRETkey321";
    private static final String WHATSAPP_TOKEN = "EAAwhatsappSECRETtoken";
    private static final String CHAT_DATA_API_KEY = "sk-chatdataAPI-SECRET-key";
    private static final String GOOGLE_CHAT_PATH = "/v1/spaces/AAAA/messages?key=gcKEYsecret&token=gcTOKENsecret";
    private static final List<String> SECRETS = List.of(SIGNING_SECRET, ADMIN_TOKEN, "slackSECRETtoken123",
            "discordSECRETtoken456", "teamsSECRETsig789", SLACK_BOT_TOKEN, TELEGRAM_TOKEN, CRM_TOKEN, WHSEC,
            "c2VjcmV0LWtleS1TRUNSRVQ=", "T0SECRET", "99887766", "mmSECRETkey321", "gcKEYsecret", "gcTOKENsecret", WHATSAPP_TOKEN,
            CHAT_DATA_API_KEY);

    @TempDir
    Path dir;

    @Test
    void noSecretAppearsAnywhereAUserCanSee() throws Exception {
        try (MockWebServer echo = echoingServer(); MockWebServer slow = slowServer(); LogCapture log = new LogCapture()) {
            Path config = Files.writeString(dir.resolve("relay.yaml"), """
                    server: {port: 0}
                    store: {url: "jdbc:sqlite:%s"}
                    chat_data: {signing_secrets: ["${SIGNING}"], api_key: "%s"}
                    admin: {token: "%s"}
                    delivery: {max_attempts: 2, backoff: {initial: 10ms, max: 20ms}, timeout: 300ms}
                    destinations:
                      slack: {type: slack, webhook_url: "%s"}
                      slack-api: {type: slack, token: "%s", channel: C1, api_base_url: "%s"}
                      discord-down: {type: discord, webhook_url: "http://127.0.0.1:%d%s"}
                      teams-slow: {type: teams, webhook_url: "%s"}
                      telegram-dns: {type: telegram, bot_token: "%s", chat_id: "1", api_base_url: "http://no-such-host.invalid"}
                      crm: {type: webhook, url: "%s", headers: {Authorization: "Bearer %s"}, signing_secret: "%s"}
                      mattermost: {type: mattermost, webhook_url: "%s"}
                      google-chat: {type: google_chat, webhook_url: "%s"}
                      whatsapp: {type: whatsapp, phone_number_id: "1065", access_token: "%s", to: ["+15550100"], api_base_url: "%s"}
                    routes:
                      - {name: all, to: [slack, slack-api, discord-down, teams-slow, telegram-dns, crm, mattermost, google-chat,
                                         whatsapp]}
                    """.formatted(dir.resolve("relay.db"), CHAT_DATA_API_KEY, ADMIN_TOKEN, echo.url(SLACK_PATH), SLACK_BOT_TOKEN,
                    echo.url("/api"), freePort(), DISCORD_PATH, slow.url(TEAMS_PATH), TELEGRAM_TOKEN,
                    echo.url("/crm"), CRM_TOKEN, WHSEC, echo.url(MATTERMOST_PATH), echo.url(GOOGLE_CHAT_PATH),
                    WHATSAPP_TOKEN, echo.url("/v23.0")));
            ConfigLoader loader = Platforms.loader(Map.of("SIGNING", SIGNING_SECRET));
            StringBuilder seen = new StringBuilder();
            try (Relay relay = Relay.start(loader.load(config))) {
                seen.append(Http.postSigned(relay.port(), "wrong", Fixtures.bytes("chat")).body());
                seen.append(Http.postSigned(relay.port(), SIGNING_SECRET, Fixtures.bytes("live-chat-escalation")).body());
                Eventually.holds("every destination settled", Duration.ofSeconds(20), () -> relay.pendingDeliveries() == 0);
                String list = adminGet(relay, "/admin/deliveries");
                seen.append(list);
                for (com.fasterxml.jackson.databind.JsonNode row : new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(list).path("deliveries")) {
                    seen.append(adminGet(relay, "/admin/deliveries/" + row.path("id").asLong()));
                    seen.append(adminGet(relay, "/admin/events/" + row.path("event_id").asText()));
                }
                for (String path : List.of("/admin/events", "/admin/routes", "/admin/destinations")) {
                    seen.append(adminGet(relay, path));
                }
                assertThat(seen).as("the stories were read").contains("attempt_history", "\"answer\":");
                seen.append(Http.get(relay.port(), "/metrics").body());
            }
            seen.append(preview(config, Map.of("SIGNING", SIGNING_SECRET)));

            String logged = log.text();
            assertThat(logged).contains("destination=discord-down", "network error", "destination=teams-slow",
                    "timeout", "destination=telegram-dns", "destination=slack-api", "ok=false invalid_auth",
                    "destination=crm", "404 no webhook at ***", "destination=mattermost", "destination=google-chat",
                    "destination=whatsapp/+15550100");
            for (String secret : SECRETS) {
                assertThat(logged).as("logs must not contain " + secret).doesNotContain(secret);
                assertThat(seen.toString()).as("replies, admin API, metrics and preview must not contain " + secret)
                        .doesNotContain(secret);
            }
        }
    }

    /**
     * Every sample destination of the platform kit, each aimed at a server that echoes the request
     * (path, query, headers) into a 404, or at a mail server that refuses: a platform added to the kit
     * is covered here without a line of this test changing.
     */
    @Test
    void noPlatformOfTheKitShowsItsSecrets() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (MockWebServer echo = echoingServer(); LogCapture log = new LogCapture()) {
            StringBuilder destinations = new StringBuilder();
            for (PlatformCase kit : PlatformKit.ALL) {
                destinations.append("  ").append(kit.name()).append(": ")
                        .append(kit.yamlAt(echo.url("/").toString(), mail.getSmtp().getPort())).append('\n');
            }
            String names = String.join(", ", PlatformKit.ALL.stream().map(PlatformCase::name).toList());
            Path config = Files.writeString(dir.resolve("kit.yaml"), """
                    server: {port: 0}
                    store: {url: "jdbc:sqlite:%s"}
                    chat_data: {signing_secrets: ["%s"]}
                    admin: {token: "%s"}
                    delivery: {max_attempts: 1, timeout: 2s}
                    destinations:
                    %s
                    routes:
                      - {name: all, to: [%s]}
                    """.formatted(dir.resolve("kit.db"), SIGNING_SECRET, ADMIN_TOKEN,
                    destinations.toString().stripTrailing(), names));
            StringBuilder seen = new StringBuilder();
            try (Relay relay = Relay.start(Platforms.loader(Map.of()).load(config))) {
                seen.append(Http.postSigned(relay.port(), SIGNING_SECRET, Fixtures.bytes("live-chat-escalation")).body());
                Eventually.holds("every destination settled", Duration.ofSeconds(20), () -> relay.pendingDeliveries() == 0);
                seen.append(adminGet(relay, "/admin/deliveries?limit=100"));
                for (String path : List.of("/admin/events", "/admin/routes", "/admin/destinations", "/metrics")) {
                    seen.append(adminGet(relay, path));
                }
            }
            Cli.Run preview = Cli.run("preview", "--config", config.toString(), "--event",
                    Files.writeString(dir.resolve("event.json"), Fixtures.text("live-chat-escalation")).toString());
            seen.append(preview.out()).append(preview.err());

            assertThat(log.text()).as("every platform of the kit was tried")
                    .contains(PlatformKit.ALL.stream().map(kit -> "destination=" + kit.name()).toList());
            for (PlatformCase kit : PlatformKit.ALL) {
                for (String secret : kit.secrets()) {
                    String shown = secret.startsWith("https://") ? secret.replaceFirst("https://[^/]+", "") : secret;
                    assertThat(log.text()).as(kit + "'s secret in the log").doesNotContain(shown);
                    assertThat(seen.toString()).as(kit + "'s secret in a reply, the admin API or preview")
                            .doesNotContain(shown);
                }
            }
        } finally {
            mail.stop();
        }
    }

    @Test
    void theStorePasswordNeverAppearsInLogs() throws Exception {
        String store = io.chatrelay.testkit.Postgres.freshDatabase() + "&password=pgSECRETpassword77";
        try (LogCapture log = new LogCapture()) {
            try (Relay relay = Relay.start(io.chatrelay.testkit.RelayUnderTest.config(dir, "routes: []\n")
                    .withStore(new io.chatrelay.config.StoreConfig(store, java.time.Duration.ofDays(7))))) {
                assertThat(Http.get(relay.port(), "/readyz").status()).isEqualTo(200);
            }
            assertThat(log.text()).contains("store jdbc:postgresql://").doesNotContain("pgSECRETpassword77");
        }
    }

    private String preview(Path config, Map<String, String> environment) throws Exception {
        Path event = Files.writeString(dir.resolve("event.json"), Fixtures.text("live-chat-escalation"));
        // preview reads the environment for ${SIGNING}; give it a config without variables instead
        Path plain = Files.writeString(dir.resolve("plain.yaml"),
                Files.readString(config).replace("${SIGNING}", SIGNING_SECRET));
        Cli.Run run = Cli.run("preview", "--config", plain.toString(), "--event", event.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("=== crm (webhook)", "=== telegram-dns (telegram)", "bot***/sendMessage");
        return run.out() + run.err();
    }

    /** Answers every request with 404 and everything it received: path, query and headers. */
    private static MockWebServer echoingServer() throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().endsWith("chat.postMessage")) {
                    return new MockResponse.Builder().code(200).body("{\"ok\":false,\"error\":\"invalid_auth\","
                            + "\"got\":\"" + request.getHeaders().get("Authorization") + "\"}").build();
                }
                return new MockResponse.Builder().code(404).body("no webhook at " + request.getUrl()
                        + " with " + request.getHeaders()).build();
            }
        });
        server.start(0);
        return server;
    }

    /** Never answers in time. */
    private static MockWebServer slowServer() throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(202).headersDelay(2, TimeUnit.SECONDS).build();
            }
        });
        server.start(0);
        return server;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String adminGet(Relay relay, String path) {
        return Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port() + path)
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build()).body();
    }
}
