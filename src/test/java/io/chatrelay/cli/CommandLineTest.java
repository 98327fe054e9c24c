package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.chatrelay.config.Secret;
import io.chatrelay.ingest.SignatureVerifier;
import io.chatrelay.platform.Platform;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir
    Path dir;

    private static Cli.Run run(String... args) {
        return Cli.run(args);
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void validateAcceptsAGoodConfig() throws Exception {
        Path config = write("ok.yaml", """
                chat_data: {signing_secrets: [s]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - {name: all, to: [crm]}
                """);

        Cli.Run run = run("validate", "--config", config.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("valid (1 destination, 1 route)");
    }

    @Test
    void validatePrintsEveryProblemWithFieldAndLineAndExitsOne() throws Exception {
        Path config = write("bad.yaml", """
                chat_data: {signing_secrets: [s]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - name: leads
                    match: {event: lead-submission}
                    to: [sales]
                    colour: blue
                """);

        Cli.Run run = run("validate", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("2 problems",
                "routes[0].to: unknown destination 'sales' (defined: crm) (line 7)",
                "routes[0].colour: unknown key (known here: active_time_intervals, digest, match, mute_time_intervals, name, "
                        + "template, to, unclaimed) (line 8)");
    }

    @Test
    void validateSaysWhenTheFileIsMissing() {
        Cli.Run run = run("validate", "--config", dir.resolve("nope.yaml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("nope.yaml: no such file");
    }

    @Test
    void validateRejectsATemplateThatDoesNotCompile() throws Exception {
        Path config = write("template.yaml", """
                chat_data: {signing_secrets: [s]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - name: leads
                    to: [crm]
                    template: {text: "New lead {{#lead}}{{name}}"}
                """);

        Cli.Run run = run("validate", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("routes[0].template.text: is not a valid Mustache template", "(line 7)");
    }

    @Test
    void previewShowsTheTemplatedMessage() throws Exception {
        Path config = write("relay.yaml", """
                chat_data: {signing_secrets: [s]}
                destinations:
                  sales: {type: slack, webhook_url: "https://hooks.slack.com/services/T0/B0/SECRET"}
                routes:
                  - name: leads
                    to: [sales]
                    template: {text: "New lead {{lead.name}} <{{lead.email}}>"}
                """);
        Path event = write("lead.json", Fixtures.text("lead-submission").replace("\"Name\"", "\"<!channel> Ann\""));

        Cli.Run run = run("preview", "--config", config.toString(), "--event", event.toString());

        assertThat(run.out()).contains("New lead &lt;!channel&gt; Ann &lt;lead@example.com&gt;");
    }

    @Test
    void signPrintsTheSignatureChatDataWouldSend() throws Exception {
        Path body = write("event.json", Fixtures.text("chat"));

        Cli.Run run = run("sign", "--secret", "s3cret", body.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out().trim()).isEqualTo(SignatureVerifier.sign(new Secret("s3cret"), Fixtures.bytes("chat")));
        assertThat(new SignatureVerifier(java.util.List.of(new Secret("s3cret"))).verify(Fixtures.bytes("chat"),
                run.out().trim())).isTrue();
    }

    @Test
    void previewPrintsEachRequestWithSecretsMasked() throws Exception {
        Path config = write("relay.yaml", """
                chat_data: {signing_secrets: [s]}
                destinations:
                  support-slack: {type: slack, webhook_url: "https://hooks.slack.com/services/T0/B0/SLACKSECRET"}
                  sales-discord: {type: discord, webhook_url: "https://discord.com/api/webhooks/1/DISCORDTOKEN"}
                  crm:
                    type: webhook
                    url: "https://crm.example.com/hooks/chat-data"
                    headers: {Authorization: "Bearer CRMTOKEN"}
                routes:
                  - {name: leads, match: {event: lead-submission}, to: [sales-discord, crm]}
                """);
        Path event = write("lead.json", Fixtures.text("lead-submission"));

        Cli.Run run = run("preview", "--config", config.toString(), "--event", event.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("=== sales-discord (discord) via route leads", "POST https://discord.com/***",
                "\"title\" : \"🎯 New lead\"", "=== crm (webhook) via route leads",
                "POST https://crm.example.com/***", "Authorization: Bearer ***", "x-chat-data-topic: lead-submission");
        assertThat(run.out()).doesNotContain("SLACKSECRET", "DISCORDTOKEN", "CRMTOKEN", "support-slack");
    }

    @Test
    void previewOfOneDestinationShowsItEvenWithoutAMatchingRoute() throws Exception {
        Path config = write("relay.yaml", """
                chat_data: {signing_secrets: [s]}
                destinations:
                  support-slack: {type: slack, webhook_url: "https://hooks.slack.com/services/T0/B0/SLACKSECRET"}
                routes:
                  - {name: escalations, match: {event: live-chat-escalation}, to: [support-slack]}
                """);
        Path event = write("lead.json", Fixtures.text("lead-submission"));

        Cli.Run run = run("preview", "--config", config.toString(), "--event", event.toString(),
                "--destination", "support-slack");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("(none: no route sends this event here)", "POST https://hooks.slack.com/***",
                "🎯 New lead");
    }

    @Test
    void printsTheProjectsVersionFromThePom() throws Exception {
        Matcher version = Pattern.compile("<artifactId>chat-data-relay</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).isTrue();

        Cli.Run run = run("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out().trim()).isEqualTo("chat-data-relay " + version.group(1));
        assertThat(run("deliveries", "list", "--version").out().trim()).isEqualTo("chat-data-relay " + version.group(1));
    }

    @Test
    void helpWorksOnEveryCommandAndSubcommandAndExitsZero() {
        List<List<String>> commands = new ArrayList<>();
        collect(Main.commandLine(), List.of(), commands);
        assertThat(commands).contains(List.of("serve"), List.of("preview"), List.of("deliveries", "list"));

        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Cli.Run run = run(args.toArray(String[]::new));

            assertThat(run.exit()).as(String.join(" ", args) + " exits 0; err: " + run.err()).isZero();
            assertThat(run.out()).as(String.join(" ", args))
                    .contains("Usage: chat-data-relay " + String.join(" ", command));
        }
    }

    private static void collect(picocli.CommandLine parent, List<String> path, List<List<String>> into) {
        parent.getSubcommands().forEach((name, child) -> {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(name);
            into.add(childPath);
            collect(child, childPath, into);
        });
    }

    @Test
    void helpListsTheCommands() {
        Cli.Run run = run("help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Commands:", "serve", "validate", "preview", "sign", "demo", "deliveries");
        assertThat(run("help", "deliveries").out()).contains("list", "replay");
    }

    @Test
    void noCommandPrintsTheHelpToStderrAndExitsTwo() {
        Cli.Run run = run();

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Usage: chat-data-relay", "Commands:", "serve", "demo", "deliveries");
    }

    @Test
    void theTopHelpNamesEveryPlatformOfTheRegistry() {
        Cli.Run run = run("help");

        assertThat(run.exit()).isZero();
        assertThat(Platforms.ALL).hasSize(9);
        for (Platform<?> platform : Platforms.ALL) {
            assertThat(run.out()).as(platform.type()).containsPattern("\\b" + platform.type() + "\\b");
        }
    }

    @Test
    void countsAreSaidInTheSingularWhenThereIsOne() throws Exception {
        Path config = write("ok.yaml", """
                chat_data: {signing_secrets: [s]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - {name: all, to: [crm]}
                """);

        assertThat(run("validate", "--config", config.toString()).out()).contains("valid (1 destination, 1 route)");
    }

    @Test
    void previewOfAWebhookShowsTheBodyByteForByteAsSent() throws Exception {
        Path config = write("relay.yaml", """
                chat_data: {signing_secrets: [s]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hooks/chat-data"}
                routes:
                  - {name: leads, to: [crm]}
                """);
        String compact = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Fixtures.text("lead-submission"))
                .toString();
        Path event = write("lead.json", compact);

        Cli.Run run = run("preview", "--config", config.toString(), "--event", event.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\n\n" + compact + "\n");
    }

    @Test
    void aMissingEventFileIsOneLineNotAStackTrace() throws Exception {
        Path config = write("relay.yaml", """
                chat_data: {signing_secrets: [s]}
                routes: []
                """);

        Cli.Run run = run("preview", "--config", config.toString(), "--event", dir.resolve("missing.json").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("preview: " + dir.resolve("missing.json") + ": no such file or directory\n");
    }

    @Test
    void wrongArgumentsAreOneLineThatSaysWhereTheHelpIs() {
        Cli.Run run = run("deliveries", "list", "--limit", "abc");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("Invalid value for option '--limit': 'abc' is not an int"
                + " (see chat-data-relay deliveries list --help)\n");
    }

    @Test
    void anEmptySecretIsRefusedInOneLine() throws Exception {
        Path body = write("event.json", Fixtures.text("chat"));

        Cli.Run run = run("sign", "--secret", "", body.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("sign: --secret is empty (is the variable you passed set?)\n");
    }

    @Test
    void aConfigThatIsNotTextSaysSoInOneLine() throws Exception {
        Path config = Files.write(dir.resolve("relay.yaml"), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});

        Cli.Run run = run("validate", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(config + ": cannot read: not UTF-8 text\n");
    }

    @Test
    void aStoreThatCannotBeCreatedSaysWhyInOneLine() throws Exception {
        Files.writeString(dir.resolve("data"), "a file where the store's directory should be");
        Path config = write("relay.yaml", """
                server: {port: 0}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: [s]}
                routes: []
                """.formatted(dir.resolve("data/relay/relay.db")));

        Cli.Run run = run("serve", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("cannot start: cannot open the store: " + dir.resolve("data/relay")
                + ": Not a directory\n");
    }

    @Test
    void aStoreInADirectoryThatIsNotWritableSaysPermissionDenied() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeFalse(Files.isWritable(readOnly), "permissions do not bind this user (root)");
        Path config = write("relay.yaml", """
                server: {port: 0}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: [s]}
                routes: []
                """.formatted(readOnly.resolve("relay.db")));

        Cli.Run run = run("serve", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("permission denied").hasLineCount(1);
    }

    @Test
    void validateWarnsAboutWhatMayBeMeantButLosesAlertsIfNot() throws Exception {
        Path config = write("relay.yaml", """
                chat_data: {signing_secrets: [s]}
                destinations:
                  support: {type: slack, webhook_url: "https://discord.com/api/webhooks/1/DISCORDSECRET"}
                routes:
                  - {name: closed, match: {event: conversation-closed}, to: [support]}
                """);

        Cli.Run run = run("validate", "--config", config.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("valid (1 destination, 1 route)");
        assertThat(run.err()).contains(config + ": 2 warnings",
                "  warning: destinations.support.webhook_url: is a Discord webhook URL, but the destination's type is "
                        + "Slack",
                "  warning: routes[0].match.event: no documented event has the event type 'conversation-closed'");
        assertThat(run.err()).doesNotContain("DISCORDSECRET");
    }

    @Test
    void anInvalidConfigListsItsWarningsAfterItsProblems() throws Exception {
        Path config = write("relay.yaml", """
                chat_data: {signing_secrets: [s]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - {name: closed, match: {event: conversation-closed}, to: [crm], colour: blue}
                """);

        Cli.Run run = run("validate", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith(config + ": 1 problem, 1 warning\n  routes[0].colour: unknown key")
                .contains("\n  warning: routes[0].match.event: no documented event has the event type");
    }
}
