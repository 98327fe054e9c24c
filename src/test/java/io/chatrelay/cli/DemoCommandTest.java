package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void showsTheChatAppsAsAPersonReadsThemAndTheRawWebhookLastAndShortened() {
        Cli.Run run = Cli.run("demo");

        assertThat(run.exit()).isZero();
        String out = run.out();
        assertThat(out).contains("12 of 12 expected deliveries arrived",
                "── ops-google-chat (Google Chat)", "(in the conversation's thread)",
                "Bot: 👋 Hello there! I'm Chat Data AI", "Visitor: How to integrate with Discord?",
                "── team-mattermost (Mattermost)", "🚨 Live chat escalation",
                "Chatbot: AI Chatbot · Conversation: dbf24043-83a6-47fb-b241-9865de3877c9 · Started:", "── on-call-whatsapp/+15550100 (WhatsApp, as sent, shortened)",
                "── support-mail (Email) ", "\n  From: Chat Data Relay <relay@example.com>\n  To: support@example.com\n"
                        + "  Subject: Live chat escalation: A visitor on Chatbot Display Name asked to talk to a human.\n",
                "── support-slack (Slack)", "🟢 Visitor online: John Doe (john@example.com) came online",
                "── sales-discord (Discord)", "Name: Name · Email: lead@example.com · Phone: +1 234 5678",
                "── ops-teams (Microsoft Teams)", "Chatbot: AI Chatbot · Conversation: dbf24043",
                "── on-call-telegram (Telegram)", "│ Visitor: How to integrate with Discord?",
                "[Open live chat] https://www.chat-data.com/chatbot/654aee418bc9a33b0e50d0ad/live-chat/",
                "── crm (Webhook, as sent, shortened)", "Authorization: Bearer ***", "(842 bytes)");
        assertThat(out.indexOf("── crm (Webhook")).isGreaterThan(out.indexOf("── on-call-telegram"))
                .isGreaterThan(out.indexOf("── ops-teams")).isGreaterThan(out.indexOf("── sales-discord"));
        assertThat(out).as("markup is resolved, not shown").doesNotContain("\"blocks\"", "*Visitor online*", "<b>",
                "\"embeds\"", "AdaptiveCard", "demo-crm-token", "cardsV2", "**Bot:**", "####", "\"attachments\"");
        assertThat(out.indexOf("── team-mattermost")).as("chat apps before the rest").isLessThan(out.indexOf("── crm"));
    }

    @Test
    void theLastLineSaysToMakeAConfigWhenThereIsNone() throws Exception {
        assertThat(DemoCommand.nextStep(dir)).startsWith("Next: cp config.example.yaml config.yaml");

        Files.writeString(dir.resolve("config.yaml"), "routes: []\n");

        assertThat(DemoCommand.nextStep(dir)).startsWith("Next: demo --config config.yaml")
                .doesNotContain("cp config.example.yaml");
    }

    @Test
    void runsYourOwnRoutesAndTemplatesWithoutCallingYourDestinations() throws Exception {
        try (MockWebServer real = new MockWebServer()) {
            real.start(0);
            Path store = dir.resolve("users.db");
            Path config = Files.writeString(dir.resolve("relay.yaml"), """
                    server: {port: 1}
                    admin: {token: admin-token, listen: "127.0.0.1:%d"}
                    store: {url: "jdbc:sqlite:%s"}
                    chat_data: {signing_secrets: ["${RELAY_TEST_UNSET_SECRET}"]}
                    destinations:
                      sales: {type: discord, webhook_url: "%s"}
                      bot: {type: telegram, bot_token: "${RELAY_TEST_UNSET_TOKEN}", chat_id: "-1", api_base_url: "%s"}
                      threads: {type: slack, token: "xoxb-real", channel: C1, api_base_url: "%s"}
                    routes:
                      - name: corporate-leads
                        match: {event: lead-submission}
                        to: [sales, bot, threads]
                        template: {text: "Lead **{{lead.name}}** <{{lead.email}}>"}
                    """.formatted(real.getPort(), store, real.url("/api/webhooks/1/secret"), real.url("/tg"), real.url("/slack")));

            Cli.Run run = Cli.run("demo", "--config", config.toString());

            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("3 of 3 expected deliveries arrived",
                    "corporate-leads  event \"lead-submission\" -> sales, bot, threads",
                    "── sales (Discord)", "Lead Name <lead@example.com>", "── bot (Telegram)", "── threads (Slack)");
            assertThat(run.err()).contains("note: RELAY_TEST_UNSET_TOKEN is not set");
            assertThat(real.getRequestCount()).as("requests to the configured destinations").isZero();
            assertThat(store).as("the config's own store").doesNotExist();
        }
    }

    @Test
    void listsAndPrintsTheBundledSamples() {
        Cli.Run list = Cli.run("demo", "--list-samples");
        Cli.Run lead = Cli.run("demo", "--sample", "lead-submission");

        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("chat ", "live-chat-escalation ", "lead-submission ", "user-online ",
                "user-offline ", "demo --sample lead-submission > lead.json");
        assertThat(lead.exit()).isZero();
        assertThat(lead.out()).isEqualTo(new String(Fixtures.bytes("lead-submission"), StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownSampleNamesTheOnesThereAre() {
        Cli.Run run = Cli.run("demo", "--sample", "lead");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no sample named 'lead' (samples: chat, live-chat-escalation, lead-submission");
    }

    @Test
    void aSampleFeedsRoutesTestAsItIs() throws Exception {
        Path lead = Files.writeString(dir.resolve("lead.json"), Cli.run("demo", "--sample", "lead-submission").out());
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                chat_data: {signing_secrets: [s]}
                destinations: {crm: {type: webhook, url: "https://crm.example.com/hook"}}
                routes: [{name: leads, match: {lead.email: "lead@example.com"}, to: [crm]}]
                """);

        Cli.Run run = Cli.run("routes", "test", "--config", config.toString(), "--event", lead.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("matched  leads  -> crm");
    }
}
