package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatrelay.platform.Platforms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @org.junit.jupiter.api.io.TempDir
    Path tempDir;

    private static final Map<String, String> ENV = Map.of(
            "CHAT_DATA_SIGNING_SECRET", "s3cret",
            "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T1/B1/XYZ",
            "DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/tok",
            "CRM_TOKEN", "crm-token");

    private static RelayConfig parse(String yaml) throws InvalidConfigException {
        return Platforms.loader(ENV).parse(yaml);
    }

    private static List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (InvalidConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the config to be invalid");
    }

    @Test
    void loadsTheExampleConfigWithDefaults() throws Exception {
        RelayConfig config = Platforms.loader(ENV).load(Path.of("config.example.yaml"));

        assertThat(config.server()).isEqualTo(new ServerConfig("0.0.0.0", 8080, "/webhooks/chat-data", 1_048_576));
        assertThat(config.signingSecrets()).extracting(Secret::reveal).containsExactly("s3cret");
        assertThat(config.store().url()).as("relative to the config file's directory")
                .isEqualTo("jdbc:sqlite:" + Path.of("data/relay.db").toAbsolutePath());
        assertThat(config.delivery()).isEqualTo(DeliveryConfig.DEFAULTS);
        assertThat(config.adminToken()).isEmpty();
        assertThat(config.destinations()).containsOnlyKeys("support-slack", "sales-discord", "crm");
        var crm = (io.chatrelay.platform.webhook.WebhookConfig) config.destinations().get("crm");
        assertThat(crm.headers().get("Authorization").reveal()).isEqualTo("Bearer crm-token");
        assertThat(crm.options().rateLimit()).isEmpty();
        var slack = (io.chatrelay.platform.slack.SlackConfig) config.destinations().get("support-slack");
        assertThat(slack.options().rateLimit()).contains(new RateLimit(1, Duration.ofSeconds(1), 3));
        assertThat(config.routes()).extracting(RouteConfig::name).containsExactly("escalations", "leads");
    }

    @Test
    void interpolatesVariablesWithFallbacks() throws Exception {
        RelayConfig config = parse("""
                chat_data: {signing_secrets: ["${CHAT_DATA_SIGNING_SECRET}", "${OLD_SECRET:-older}"]}
                admin: {token: "${RELAY_ADMIN_TOKEN:-}"}
                routes: []
                """);

        assertThat(config.signingSecrets()).extracting(Secret::reveal).containsExactly("s3cret", "older");
        assertThat(config.adminToken()).isEmpty();
    }

    @Test
    void namesAMissingVariableWithItsFieldAndLine() {
        assertThat(problems("""
                chat_data:
                  signing_secrets: ["${NOT_SET}"]
                routes: []
                """)).containsExactly(
                "chat_data.signing_secrets[0]: environment variable NOT_SET is not set: export it where the relay "
                        + "runs (export NOT_SET=...) (line 2)");
    }

    @Test
    void storeUnhealthyAfterDefaultsToThreeMinutesAndRejectsLessThanASecond() throws Exception {
        assertThat(parse("chat_data: {signing_secrets: [x]}\nroutes: []\n").store().unhealthyAfter())
                .isEqualTo(Duration.ofMinutes(3));
        assertThat(parse("chat_data: {signing_secrets: [x]}\nstore: {unhealthy_after: 90s}\nroutes: []\n")
                .store().unhealthyAfter()).isEqualTo(Duration.ofSeconds(90));

        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                store:
                  unhealthy_after: 500ms
                routes: []
                """)).containsExactly("store.unhealthy_after: must be at least 1s: a store that fails for less is "
                + "not broken (line 3)");
    }

    @Test
    void parsesDurationsAndRejectsBadOnes() throws Exception {
        RelayConfig config = parse("""
                chat_data: {signing_secrets: [x]}
                delivery: {timeout: 500ms, max_attempts: 3, backoff: {initial: 2s, max: 5m}}
                store: {retention: 2h}
                routes: []
                """);
        assertThat(config.delivery()).isEqualTo(new DeliveryConfig(Duration.ofMillis(500), 3, Duration.ofSeconds(2),
                Duration.ofMinutes(5)));
        assertThat(config.store().retention()).isEqualTo(Duration.ofHours(2));

        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                delivery:
                  timeout: soon
                routes: []
                """)).containsExactly("delivery.timeout: must be a positive duration like 500ms, 10s, 5m, 2h or 7d, "
                + "got 'soon' (line 3)");
    }

    @Test
    void readsTheDedupeWindowWhereZeroTurnsItOff() throws Exception {
        assertThat(parse("chat_data: {signing_secrets: [x]}\nroutes: []\n").dedupeWindow())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(parse("chat_data: {signing_secrets: [x], dedupe_window: 1h}\nroutes: []\n").dedupeWindow())
                .isEqualTo(Duration.ofHours(1));
        assertThat(parse("chat_data: {signing_secrets: [x], dedupe_window: 0}\nroutes: []\n").dedupeWindow())
                .isZero();

        assertThat(problems("""
                chat_data:
                  signing_secrets: [x]
                  dedupe_window: ten minutes
                routes: []
                """)).containsExactly("chat_data.dedupe_window: must be a duration like 30s, 10m or 1h, or 0 for "
                + "off, got 'ten minutes' (line 3)");
    }

    @Test
    void reportsUnknownKeysWithPathAndLine() {
        List<String> problems = problems("""
                chat_data: {signing_secrets: [x]}
                server:
                  port: 8080
                  prot: 9090
                destinations:
                  crm:
                    type: webhook
                    url: https://crm.example.com/hook
                    header: {X: y}
                routes: []
                """);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).as("port is there already: not a typo of it, so the keys known here are listed")
                .startsWith("server.prot: unknown key (known here: host, ").contains(" path, port").endsWith("(line 4)");
        assertThat(problems.get(1)).isEqualTo("destinations.crm.header: unknown key: did you mean 'headers'? (line 9)");
    }

    @Test
    void reportsUnknownDestinationsDuplicateRoutesAndBadRegexes() {
        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - name: leads
                    match: {lead.email: {regex: "([a-z"}}
                    to: [crm, sales]
                  - name: leads
                    to: [crm]
                """)).containsExactly(
                "routes[0].match.lead.email.regex: is not a valid regular expression: Unclosed character class near index 4 (line 6)",
                "routes[0].to: unknown destination 'sales' (defined: crm) (line 7)",
                "routes[1].name: duplicate route name 'leads' (first at line 5) (line 8)");
    }

    @Test
    void reportsBadUrlsWithoutEchoingSecretOnes() {
        List<String> problems = problems("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  slack: {type: slack, webhook_url: "hooks.slack.com/services/T/B/SECRETPART"}
                  crm: {type: webhook, url: "ftp://crm.example.com/x"}
                routes: []
                """);

        assertThat(problems).containsExactly(
                "destinations.slack.webhook_url: must be an http:// or https:// URL (line 3)",
                "destinations.crm.url: must be an http:// or https:// URL 'ftp://crm.example.com/***' (line 4)");
        assertThat(String.join("\n", problems)).doesNotContain("SECRETPART");
    }

    @Test
    void validatesEveryDestinationTypeInTheContract() throws Exception {
        RelayConfig config = parse("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  s1: {type: slack, webhook_url: "https://hooks.slack.com/services/T/B/X"}
                  s2: {type: slack, token: xoxb-1, channel: C123, api_base_url: "http://127.0.0.1:9/api"}
                  d1: {type: discord, webhook_url: "https://discord.com/api/webhooks/1/t", username: Bot,
                       avatar_url: "https://example.com/a.png", thread_name: "{{conversation_id}}"}
                  t1: {type: teams, webhook_url: "https://prod.westus.logic.azure.com/workflows/abc?sig=x"}
                  g1: {type: telegram, bot_token: "123:abc", chat_id: "-100", message_thread_id: "7"}
                  w1: {type: webhook, url: "https://x.example.com", method: put, signing_secret: "whsec_c2VjcmV0",
                       rate_limit: {requests: 10, per: 1s}, timeout: 3s, template: {text: "hi {{event}}"}}
                routes:
                  - {name: all, to: [s1, s2, d1, t1, g1, w1]}
                """);

        assertThat(config.destinations().values()).extracting(DestinationConfig::type)
                .containsExactly("slack", "slack", "discord", "teams", "telegram", "webhook");
        var telegram = (io.chatrelay.platform.telegram.TelegramConfig) config.destinations().get("g1");
        assertThat(telegram.apiBaseUrl().toString()).isEqualTo("https://api.telegram.org");
        var webhook = (io.chatrelay.platform.webhook.WebhookConfig) config.destinations().get("w1");
        assertThat(webhook.method()).isEqualTo("PUT");
        assertThat(webhook.options().rateLimit()).contains(new RateLimit(10, Duration.ofSeconds(1)));
        assertThat(webhook.options().template()).contains(new TemplateConfig("hi {{event}}"));
    }

    @Test
    void aTemplateNamingAnotherTemplateIsAnErrorNotAFailureAtDelivery() {
        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  d: {type: discord, webhook_url: "https://discord.com/api/webhooks/1/t", thread_name: "{{>name}}"}
                routes:
                  - name: all
                    to: [d]
                    template: {text: "{{#lead}}{{>details}}{{/lead}} and {{<layout}}{{/layout}}"}
                """)).containsExactly(
                "destinations.d.thread_name: uses the partial {{>name}}, another template, and the relay has no "
                        + "templates but this one: write that text here instead of the tag (line 3)",
                "routes[0].template.text: uses the partial {{>details}}, another template, and the relay has no "
                        + "templates but this one: write that text here instead of the tag (line 7)",
                "routes[0].template.text: uses the parent {{<layout}}, another template, and the relay has no "
                        + "templates but this one: write that text here instead of the tag (line 7)");
    }

    @Test
    void aRateLimitThatCanNeverSendIsAnError() {
        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  a: {type: webhook, url: "https://x.example.com", rate_limit: {requests: 0, per: 1s}}
                  b: {type: webhook, url: "https://x.example.com", rate_limit: {requests: 1, per: 0s}}
                  c: {type: webhook, url: "https://x.example.com", rate_limit: {requests: -2, per: -1s}}
                routes: [{name: all, to: [a, b, c]}]
                """)).hasSize(4).allSatisfy(problem -> assertThat(problem).containsPattern(
                        "destinations\\.[abc]\\.rate_limit\\.(requests|per): must be .*\\(line [345]\\)"));
    }

    @Test
    void reportsIncompleteDestinations() {
        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  a: {type: slack, token: xoxb-1}
                  b: {type: telegram, chat_id: "1"}
                  c: {type: carrier-pigeon}
                  d: {type: webhook, url: "https://x.example.com", signing_secret: "nope"}
                routes: []
                """)).containsExactly(
                "destinations.a.channel: is required with token (line 3)",
                "destinations.b.bot_token: is required (line 4)",
                "destinations.c.type: unknown destination type 'carrier-pigeon' (expected one of slack, discord, teams, telegram, webhook, mattermost, google_chat, whatsapp, email) (line 5)",
                "destinations.d.signing_secret: must start with whsec_ (a Standard Webhooks secret) (line 6)");
    }

    @Test
    void requiresSigningSecretsAndRoutes() {
        assertThat(problems("server: {port: 8080}\n")).containsExactly(
                "chat_data.signing_secrets: is required: Chat Data's signing secret, e.g. [\"${CHAT_DATA_SIGNING_SECRET}\"] (line 1)",
                "routes: is required: without routes no event goes anywhere (line 1)");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheLine() {
        assertThatThrownBy(() -> parse("server:\n  port: [8080\nroutes: []\n"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void parsesEveryMatchConditionKind() throws Exception {
        RelayConfig config = parse("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - name: r
                    match: {event: chat, source: [widget, iframe], lead.email: "*", chatbot_id: {regex: "^65"}}
                    to: crm
                """);

        assertThat(config.routes().get(0).match().values()).hasExactlyElementsOfTypes(Condition.Equals.class,
                Condition.AnyOf.class, Condition.Present.class, Condition.Regex.class);
        assertThat(config.routes().get(0).to()).containsExactly("crm");
    }

    @Test
    void loadsFromAFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("relay.yaml");
        Files.writeString(file, "chat_data: {signing_secrets: [x]}\nroutes: []\n");

        assertThat(Platforms.loader(Map.of()).load(file).routes()).isEmpty();
    }

    @Test
    void unknownKeysSuggestTheKeyMeant() {
        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  sales: {type: discord, webhok_url: "https://discord.com/api/webhooks/1/t"}
                route:
                  - {name: all, to: [sales]}
                """)).containsExactly(
                "routes: is required: without routes no event goes anywhere (line 1)",
                "destinations.sales.webhook_url: is required (line 3)",
                "destinations.sales.webhok_url: unknown key: did you mean 'webhook_url'? (line 3)",
                "route: unknown key: did you mean 'routes'? (line 4)");
    }

    @Test
    void anUnknownKeyWithNothingCloseListsTheKeysKnownThere() {
        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                delivery: {backoff: {colour: blue}}
                routes: []
                """)).containsExactly("delivery.backoff.colour: unknown key (known here: initial, max) (line 2)");
    }

    @Test
    void aRequiredValueEmptyAfterInterpolationIsAnError() {
        Map<String, String> env = Map.of("EMPTY", "", "SIGNING", "s3cret");
        List<String> problems = problems(env, """
                chat_data: {signing_secrets: ["${SIGNING}"]}
                destinations:
                  support: {type: slack, webhook_url: "${EMPTY}"}
                  threads: {type: slack, token: "xoxb-1", channel: ""}
                  sales: {type: discord, webhook_url: "${EMPTY}"}
                  phone: {type: telegram, bot_token: "123:abc", chat_id: "${EMPTY}"}
                  crm: {type: webhook, url: "https://crm.example.com/hook", headers: {Authorization: "Bearer ${EMPTY}"}}
                routes:
                  - {name: all, to: [support, threads, sales, phone, crm]}
                """);

        String setButEmpty = "environment variable EMPTY is set but empty (give it a value, or write ${EMPTY:-} "
                + "where empty is meant)";
        assertThat(problems).contains(
                "destinations.support.webhook_url: " + setButEmpty + " (line 3)",
                "destinations.threads.channel: is empty: give it a value, or remove the key (line 4)",
                "destinations.sales.webhook_url: " + setButEmpty + " (line 5)",
                "destinations.phone.chat_id: " + setButEmpty + " (line 6)",
                "destinations.crm.headers.Authorization: " + setButEmpty + " (line 7)");
    }

    @Test
    void aFallbackAppliesToAnEmptyVariableAsInTheShell() throws Exception {
        RelayConfig config = Platforms.loader(Map.of("SIGNING", "s3cret", "ADMIN", "", "RELAY_PATH", "")).parse("""
                chat_data: {signing_secrets: ["${SIGNING}"]}
                admin: {token: "${ADMIN:-}"}
                server: {path: "${RELAY_PATH:-/hooks}"}
                routes: []
                """);

        assertThat(config.adminToken()).isEmpty();
        assertThat(config.server().path()).isEqualTo("/hooks");
    }

    @Test
    void signingSecretsThatListNoSecretAreAnError() {
        for (String secrets : List.of("[]", "[null]", "[\"\"]", "[\"${EMPTY}\"]")) {
            assertThat(problems(Map.of("EMPTY", ""), "chat_data: {signing_secrets: " + secrets + "}\nroutes: []\n"))
                    .as(secrets).singleElement().asString().startsWith("chat_data.signing_secrets");
        }
        assertThat(problems("chat_data: {signing_secrets: []}\nroutes: []\n")).containsExactly(
                "chat_data.signing_secrets: lists no secret: every request would be refused with 401; add Chat Data's "
                        + "signing secret, e.g. [\"${CHAT_DATA_SIGNING_SECRET}\"] (line 1)");
    }

    @Test
    void aMisspelledEventTypeIsAnErrorNamingTheDocumentedOne() {
        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - {name: leads, match: {event: lead-submision}, to: [crm]}
                  - {name: presence, match: {event: [user-online, user-ofline]}, to: [crm]}
                """)).containsExactly(
                "routes[0].match.event: no documented event has the event type 'lead-submision': did you mean "
                        + "'lead-submission'? (line 5)",
                "routes[1].match.event: no documented event has the event type 'user-ofline': did you mean "
                        + "'user-offline' or 'user-online'? (line 6)");
    }

    @Test
    void aMisspelledMatchFieldIsAnErrorNamingTheDocumentedOne() {
        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - name: leads
                    match: {evnt: lead-submission, lead.mail: "*"}
                    to: [crm]
                """)).containsExactly(
                "routes[0].match.evnt: no documented event has the field 'evnt': did you mean 'event'? (line 6)",
                "routes[0].match.lead.mail: no documented event has the field 'lead.mail': did you mean 'lead.email'? "
                        + "(line 6)");
    }

    @Test
    void undocumentedEventTypesAndFieldsOnlyWarn() throws Exception {
        ConfigLoader.Loaded loaded = Platforms.loader(ENV).check(write("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - name: future
                    match: {event: conversation-closed, lead.company: "*", answer.score: {regex: "^0"}}
                    to: [crm]
                """));

        assertThat(loaded.config().routes()).hasSize(1);
        assertThat(loaded.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "routes[0].match.lead.company: no documented event has the field 'lead.company'; a route on it fires "
                        + "only for events that carry it (line 6)",
                "routes[0].match.event: no documented event has the event type 'conversation-closed' (documented: "
                        + "chat, live-chat-escalation, lead-submission, user-online, user-offline); the route fires "
                        + "only if Chat Data sends it (line 6)");
    }

    @Test
    void anUnknownDestinationOrTypeSuggestsTheOneMeant() {
        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  sales-discord: {type: discrod, webhook_url: "https://discord.com/api/webhooks/1/t"}
                routes:
                  - {name: leads, to: [sales-dicsord]}
                """)).containsExactly(
                "destinations.sales-discord.type: unknown destination type 'discrod': did you mean 'discord'? (line 3)",
                "routes[0].to: unknown destination 'sales-dicsord': did you mean 'sales-discord'? (line 5)");
    }

    @Test
    void aTabSaysItCannotIndentAtItsOwnLine() {
        String yaml = "chat_data: {signing_secrets: [x]}\n" + "# a comment\n".repeat(10)
                + "routes:\n  - name: all\n\tto: [crm]\n";
        assertThat(yaml.lines().toList().get(13)).startsWith("\t");

        assertThat(problems(yaml)).containsExactly("(file): not valid YAML: a tab cannot indent YAML, use spaces "
                + "(found a tab that cannot start any token) (line 14)");
    }

    @Test
    void problemsNeverShowAValueFromTheEnvironmentOrAUrlsPath() {
        Map<String, String> env = Map.of("RELAY_ADMIN_TOKEN", "adm1n-t0ken-value",
                "DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/DISCORDSECRET");
        List<String> problems = problems(env, """
                chat_data: {signing_secrets: [x]}
                server: {port: "${RELAY_ADMIN_TOKEN}"}
                delivery: {timeout: "${RELAY_ADMIN_TOKEN}"}
                destinations:
                  sales: {type: "${DISCORD_WEBHOOK_URL}"}
                  crm: {type: webhook, url: "ftp://crm.example.com/hooks/CRMSECRET1", method: "${RELAY_ADMIN_TOKEN}"}
                routes: []
                """);

        assertThat(problems).contains(
                "server.port: must be a whole number, got '${RELAY_ADMIN_TOKEN}' (line 2)",
                "destinations.crm.url: must be an http:// or https:// URL 'ftp://crm.example.com/***' (line 6)");
        assertThat(String.join("\n", problems)).contains("destinations.sales.type")
                .doesNotContain("adm1n", "DISCORDSECRET", "CRMSECRET1");
    }

    @Test
    void relativeStorePathsAreRelativeToTheConfigFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("relay.yaml"), """
                chat_data: {signing_secrets: [x]}
                store: {url: "jdbc:sqlite:data/relay.db"}
                routes: []
                """);

        assertThat(Platforms.loader(Map.of()).load(file).store().url())
                .isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath().resolve("data/relay.db"));
        assertThat(Platforms.loader(Map.of()).loadStore(file).url())
                .isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath().resolve("data/relay.db"));
    }

    @Test
    void aDestinationGivenAsOneNameIsThatDestination() throws Exception {
        RelayConfig config = parse("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  sales-discord: {type: discord, webhook_url: "https://discord.com/api/webhooks/1/t"}
                routes:
                  - {name: leads, match: {event: lead-submission}, to: sales-discord}
                """);

        assertThat(config.routes().get(0).to()).containsExactly("sales-discord");
    }

    @Test
    void aTemplateFieldNoDocumentedEventHasIsAWarningNamingTheClosest() throws Exception {
        ConfigLoader.Loaded loaded = Platforms.loader(ENV).check(write("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - name: leads
                    to: [crm]
                    template: {text: "{{lead.nam}} {{lead.email}} {{id}} {{event}} {{#lead}}{{emial}}{{/lead}}"}
                  - name: chats
                    to: [crm]
                    template: {text: "{{#messages}}{{-index}} {{role}}: {{contnet}} {{.}}{{/messages}} {{lead.company}}"}
                """));

        assertThat(loaded.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "routes[0].template.text: no documented event has the field 'lead.nam' (did you mean "
                        + "'lead.name'?): it renders empty unless the event carries it (line 7)",
                "routes[0].template.text: no documented event has the field 'emial' (did you mean "
                        + "'email'?): it renders empty unless the event carries it (line 7)",
                "routes[1].template.text: no documented event has the field 'contnet' (did you mean "
                        + "'content'?): it renders empty unless the event carries it (line 10)",
                "routes[1].template.text: no documented event has the field 'lead.company': it renders "
                        + "empty unless the event carries it (line 10)");
    }

    @Test
    void aDestinationNoRouteNamesIsAWarningNamingIt() throws Exception {
        ConfigLoader.Loaded loaded = Platforms.loader(ENV).check(write("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                  sales-discord: {type: discord, webhook_url: "https://discord.com/api/webhooks/1/t"}
                routes:
                  - {name: leads, match: {event: lead-submission}, to: [crm]}
                """));

        assertThat(loaded.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "destinations.sales-discord: no route sends to this destination, so it gets nothing: add "
                        + "'sales-discord' to a route's to, or remove it (line 4)");
    }

    @Test
    void aPlainValueMatchedAgainstAnObjectOrListIsAWarning() throws Exception {
        ConfigLoader.Loaded loaded = Platforms.loader(ENV).check(write("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - {name: leads, match: {lead: ceo@bigcorp.com}, to: [crm]}
                  - {name: chats, match: {messages: [refund, invoice]}, to: [crm]}
                  - {name: search, match: {messages: {regex: refund}, lead: "*", lead.email: x@y.z}, to: [crm]}
                """));

        assertThat(loaded.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "routes[0].match.lead: is an object or a list in the documented events, so a plain value never "
                        + "equals it and the route never fires: match a field inside it (lead.email), \"*\" for "
                        + "present, or {regex: ...} to search its text (line 5)",
                "routes[1].match.messages: is an object or a list in the documented events, so a plain value never "
                        + "equals it and the route never fires: match \"*\" for present, or {regex: ...} to search "
                        + "its text (line 6)");
    }

    @Test
    void aWebhookUrlOfAnotherPlatformIsAWarningNamingBoth() throws Exception {
        ConfigLoader.Loaded loaded = Platforms.loader(ENV).check(write("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  support: {type: slack, webhook_url: "${DISCORD_WEBHOOK_URL}"}
                  sales: {type: discord, webhook_url: "https://hooks.slack.com/services/T1/B1/SLACKSECRET"}
                  flow: {type: webhook, url: "https://prod-1.westus.logic.azure.com/workflows/abc?sig=x"}
                routes:
                  - {name: all, to: [support, sales, flow]}
                """));

        assertThat(loaded.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "destinations.support.webhook_url: is a Discord webhook URL, but the destination's type is Slack: "
                        + "Discord will refuse what the relay sends; use type: discord, or the URL meant for Slack (line 3)",
                "destinations.sales.webhook_url: is a Slack webhook URL, but the destination's type is Discord: "
                        + "Slack will refuse what the relay sends; use type: slack, or the URL meant for Discord (line 4)");
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(tempDir.resolve("relay.yaml"), yaml);
    }

    private static List<String> problems(Map<String, String> env, String yaml) {
        try {
            Platforms.loader(env).parse(yaml);
        } catch (InvalidConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the config to be invalid");
    }
}
