package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.Secret;
import io.chatrelay.ingest.SignatureVerifier;
import io.chatrelay.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(run.out()).contains("valid (1 destinations, 1 routes)");
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
                "routes[0].colour: unknown key (line 8)");
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
    void printsItsVersion() {
        Cli.Run run = run("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("chat-data-relay ");
    }
}
