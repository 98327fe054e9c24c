package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    /** One run of the built-in demo, shared: it takes a couple of seconds. */
    private static Cli.Run builtIn;

    @TempDir
    Path dir;

    @BeforeAll
    static void runTheBuiltInDemo() {
        builtIn = Cli.run("demo");
    }

    @Test
    void showsTheChatAppsAsAPersonReadsThemAndTheRawWebhookLastAndShortened() {
        Cli.Run run = builtIn;

        assertThat(run.exit()).as("exit code of a demo that printed:%n%s%s", run.out(), run.err()).isZero();
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
        assertThat(out).as("the visitor left: Slack's escalation is edited, not posted again")
                .contains("\n  ✎ edited: 👋 Visitor left at ");
    }

    @Test
    void playsTheLoopAnaTakesTheChatInSlackAndTheVisitorReadsHerAnswer() {
        String out = builtIn.out();

        assertThat(builtIn.exit()).as("exit code of a demo that printed:%n%s%s", out, builtIn.err()).isZero();
        String taken = section(out, "▶ Ana presses Take this chat in Slack", "▶ Ana answers in the thread");
        assertThat(taken).as("the escalation's Slack message, edited").contains("🚨 Live chat escalation",
                "\n  🙋 Taken by Ana at ", "[Open live chat] https://www.chat-data.com/",
                "Then, in its thread:\n  (a reply in the conversation's thread)\n  Replies here go to the visitor.")
                .doesNotContain("[Take this chat]");
        String answered = section(out, "▶ Ana answers in the thread", "Nothing left this machine.");
        assertThat(answered).as("what the Chat Data stand-in got: Ana's name, her Slack markup as Markdown")
                .contains("Ana (agent, in the chat widget): Hi! I'm **Ana**, looking at your order now",
                        "Ana's message gets ✅");
        assertThat(out.indexOf("▶ Ana presses")).as("after the samples").isGreaterThan(out.indexOf("12 of 12"));
    }

    private static String section(String out, String from, String to) {
        assertThat(out).contains(from, to);
        return out.substring(out.indexOf(from), out.indexOf(to, out.indexOf(from)));
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
                    "── sales (Discord)", "Lead Name <lead@example.com>", "── bot (Telegram)", "── threads (Slack)",
                    "To see a person take the chat in Slack and answer the visitor from its thread, give a Slack "
                            + "destination token, channel and signing_secret, and set chat_data.api_key.");
            assertThat(run.out()).doesNotContain("▶ Ana");
            assertThat(run.err()).contains("note: RELAY_TEST_UNSET_TOKEN is not set");
            assertThat(real.getRequestCount()).as("requests to the configured destinations").isZero();
            assertThat(store).as("the config's own store").doesNotExist();
        }
    }

    @Test
    void playsTheLoopWithYourConfigWhenItsSlackHearsRepliesWithoutCallingSlackOrChatData() throws Exception {
        try (MockWebServer real = new MockWebServer()) {
            real.start(0);
            Path config = Files.writeString(dir.resolve("relay.yaml"), """
                    chat_data: {signing_secrets: [s], api_key: "cd-real-key", api_base_url: "%s"}
                    destinations:
                      team: {type: slack, token: "xoxb-real", channel: C0TEAM, signing_secret: app-secret,
                             api_base_url: "%s", rate_limit: {requests: 20, per: 1s}}
                    routes: [{name: humans, match: {event: live-chat-escalation}, to: [team]}]
                    """.formatted(real.url("/chat-data"), real.url("/slack")));

            Cli.Run run = Cli.run("demo", "--config", config.toString());

            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("1 of 1 expected delivery arrived", "▶ Ana presses Take this chat in Slack",
                    "🙋 Taken by Ana at ", "Ana (agent, in the chat widget): Hi! I'm **Ana**", "gets ✅")
                    .doesNotContain("── chat-data", "cd-real-key", "give a Slack destination token");
            assertThat(real.getRequestCount()).as("requests to Slack or Chat Data").isZero();
        }
    }

    @Test
    void saysToRouteEscalationsToTheSlackThatHearsRepliesWhenNoneGoesThere() throws Exception {
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                chat_data: {signing_secrets: [s], api_key: "cd-real-key"}
                destinations:
                  team: {type: slack, token: "xoxb-real", channel: C0TEAM, signing_secret: app-secret}
                routes: [{name: leads, match: {event: lead-submission}, to: [team]}]
                """);

        Cli.Run run = Cli.run("demo", "--config", config.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("1 of 1 expected delivery arrived", "To see a person take the chat in Slack "
                + "and answer the visitor from its thread, route live-chat-escalation to team.")
                .doesNotContain("▶ Ana");
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
