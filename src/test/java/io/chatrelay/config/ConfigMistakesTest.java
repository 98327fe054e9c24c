package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.platform.Platforms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mistakes a config's author makes first, each answered with what to do. */
class ConfigMistakesTest {

    private static final Map<String, String> ENV = Map.of("SMTP_PASSWORD", "hunter2");

    private static List<String> problems(String yaml) {
        try {
            Platforms.loader(ENV).parse(yaml);
        } catch (InvalidConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the config to be invalid");
    }

    @TempDir
    Path dir;

    private List<String> warnings(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("relay.yaml"), yaml);
        return Platforms.loader(ENV).check(file).warnings().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aPasswordSentWithTlsNoneIsAWarning() throws Exception {
        String config = """
                chat_data: {signing_secrets: [x]}
                destinations:
                  mail:
                    type: email
                    smtp: {host: smtp.example.com, tls: %s, username: relay, password: "${SMTP_PASSWORD}"}
                    from: relay@example.com
                    to: [support@example.com]
                routes:
                  - {name: all, to: [mail]}
                """;

        assertThat(warnings(config.formatted("none"))).singleElement().asString()
                .startsWith("destinations.mail.smtp.password: crosses the network in clear with tls: none")
                .contains("starttls").doesNotContain("hunter2").endsWith("(line 5)");
        assertThat(warnings(config.formatted("starttls"))).isEmpty();
    }

    @Test
    void anUnsetSecretVariableIsToBeExportedNotGivenADefault() {
        assertThat(problems("""
                chat_data: {signing_secrets: ["${NO_SIGNING}"]}
                server: {port: "${NO_PORT}"}
                destinations:
                  chat: {type: telegram, bot_token: "${NO_BOT}", chat_id: "1"}
                  hook: {type: webhook, url: "https://crm.example.com/", headers: {Authorization: "Bearer ${CRM_TOKEN}"}}
                routes:
                  - {name: all, to: [chat, hook]}
                """)).containsExactlyInAnyOrder(
                "chat_data.signing_secrets[0]: environment variable NO_SIGNING is not set: export it where the relay "
                        + "runs (export NO_SIGNING=...) (line 1)",
                "server.port: environment variable NO_PORT is not set (export it, or use ${NO_PORT:-default} for a "
                        + "fallback) (line 2)",
                "destinations.chat.bot_token: environment variable NO_BOT is not set: export it where the relay runs "
                        + "(export NO_BOT=...) (line 4)",
                "destinations.hook.headers.Authorization: environment variable CRM_TOKEN is not set: export it where "
                        + "the relay runs (export CRM_TOKEN=...) (line 5)");
    }

    @Test
    void aSectionIndentedUnderAnotherNamesTheFixAndTheRestIsStillChecked() {
        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                  routes:
                    - {name: leads, to: [crmm]}
                """)).containsExactly(
                "destinations.routes: `routes` is indented under `destinations`; move it left, to the start of the "
                        + "line, as a section of its own (line 4)",
                "routes[0].to: unknown destination 'crmm': did you mean 'crm'? (line 5)");
    }

    @Test
    void aDestinationNamedLikeASectionIsNoIndentationMistake() throws Exception {
        assertThat(warnings("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  store: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - {name: all, to: [store]}
                """)).isEmpty();
    }

    @Test
    void aKeyOutOfLineWithItsNeighboursSaysWhichColumnsWouldDo() {
        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                routes:
                  - name: a
                    match:
                      event: chat
                     to: [x]
                """)).singleElement().asString().startsWith("(file): `to` is indented 5 spaces, in line with nothing "
                + "above it; move it to 4 spaces (as `match`) or 6 spaces (as `event`)").endsWith("(line 6)");
        assertThat(problems("""
                server:
                  port: 8080
                   path: /x
                """)).singleElement().asString().startsWith("(file): `path` is indented deeper than `port` above it; "
                + "move it left to line up with `port` (2 spaces)");
    }

    @Test
    void theSectionsAreTheOnesTheLoaderReads() throws Exception {
        String probe;
        try (var in = ConfigSchema.class.getResourceAsStream("schema-probe.yaml")) {
            probe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(ConfigSchema.keyPaths(probe, Platforms.ALL).stream().filter(path -> !path.contains(".")
                && !path.contains("["))).containsExactlyInAnyOrderElementsOf(Indentation.SECTIONS);
    }

    @Test
    void aDestinationsKeyOutdentedToTheNamesSaysWhereItBelongs() {
        assertThat(problems("""
                chat_data: {signing_secrets: [x]}
                destinations:
                  crm:
                    type: webhook
                  url: "https://crm.example.com/hook"
                routes:
                  - {name: all, to: [crm]}
                """)).contains("destinations.url: expected a mapping with a type; if `url` is a key of `crm`, indent "
                + "it under `crm` (line 5)");
    }
}
