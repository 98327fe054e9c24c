package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.platform.chatdata.ChatDataStandIn;
import io.chatrelay.platform.chatdata.ChatDataStandIn.Webhook;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** connect and disconnect through the command line, over real HTTP against the stand-in of Chat Data's API. */
class ConnectCommandTest {

    private static final String KEY = "sk-test-0123456789abcdef";
    private static final String HOOK = "https://relay.example.com/hooks/chat-data";

    @TempDir
    Path dir;

    private ChatDataStandIn chatData;

    @BeforeEach
    void start() {
        chatData = ChatDataStandIn.start(KEY).withChatbot("bot-2", "Sales");
    }

    @AfterEach
    void stop() {
        chatData.close();
    }

    private String config(String server, String apiKey, String routes) throws Exception {
        return Files.writeString(dir.resolve("relay.yaml"), """
                server: %s
                chat_data:
                  signing_secrets: [x]
                  %s
                  api_base_url: "%s"
                store: {url: "jdbc:sqlite:%s"}
                destinations: {crm: {type: webhook, url: "https://crm.example.com/hook"}}
                routes: %s
                """.formatted(server, apiKey, chatData.baseUrl(), dir.resolve("relay.db"), routes)).toString();
    }

    private String config() throws Exception {
        return config("{public_url: \"https://relay.example.com/\", path: /hooks/chat-data}", "api_key: " + KEY, """
                [{name: escalations, match: {event: live-chat-escalation}, to: [crm]},
                 {name: leads, match: {event: [lead-submission, user-online]}, to: [crm]}]""");
    }

    @Test
    void registersTheConfiguredPathForEachRoutedEventOfEveryChatbotAndASecondRunChangesNothing() throws Exception {
        String config = config();

        Cli.Run first = Cli.run("connect", "--config", config);

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(chatData.webhooks()).containsExactlyInAnyOrder(
                new Webhook("bot-1", HOOK, "live-chat-escalation"), new Webhook("bot-1", HOOK, "lead-submission"),
                new Webhook("bot-2", HOOK, "live-chat-escalation"), new Webhook("bot-2", HOOK, "lead-submission"));
        assertThat(first.out()).contains("registered " + HOOK + " for live-chat-escalation of chatbot bot-1 "
                + "(Support bot)").contains("for lead-submission of chatbot bot-2 (Sales)").doesNotContain(KEY);

        Cli.Run second = Cli.run("connect", "--config", config);

        assertThat(second.exit()).isZero();
        assertThat(chatData.webhooks()).hasSize(4);
    }

    @Test
    void aDryRunPrintsWhatItWouldDoAndOnlyReadsTheChatbots() throws Exception {
        Cli.Run run = Cli.run("connect", "--dry-run", "--config", config());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("would register " + HOOK + " for live-chat-escalation of chatbot bot-1");
        assertThat(chatData.webhooks()).isEmpty();
        assertThat(chatData.calls()).extracting(ChatDataStandIn.Call::path).containsOnly("/api/v2/get-chatbots");
    }

    @Test
    void namedChatbotsAreTheOnlyOnesAndARouteWithoutMatchTakesEveryEvent() throws Exception {
        String config = config("{public_url: \"https://relay.example.com\", path: /hooks/chat-data}",
                "api_key: " + KEY, "[{name: all, to: [crm]}]");

        Cli.Run run = Cli.run("connect", "--chatbot", "bot-2", "--config", config);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(chatData.webhooks()).containsExactlyInAnyOrder(new Webhook("bot-2", HOOK, "chat"),
                new Webhook("bot-2", HOOK, "live-chat-escalation"), new Webhook("bot-2", HOOK, "lead-submission"));
        assertThat(chatData.calls()).extracting(ChatDataStandIn.Call::path).doesNotContain("/api/v2/get-chatbots");
    }

    @Test
    void disconnectRemovesWhatConnectRegisteredAndNothingElse() throws Exception {
        String config = config();
        chatData.withWebhook("bot-1", "https://zapier.example.com/hook", "chat");
        assertThat(Cli.run("connect", "--config", config).exit()).isZero();

        Cli.Run dry = Cli.run("disconnect", "--dry-run", "--config", config);
        assertThat(dry.out()).contains("would remove " + HOOK + " from chatbot bot-1 (Support bot)");
        assertThat(chatData.webhooks()).hasSize(5);

        Cli.Run run = Cli.run("disconnect", "--config", config);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("removed " + HOOK + " from chatbot bot-2 (Sales)");
        assertThat(chatData.webhooks()).containsExactly(new Webhook("bot-1", "https://zapier.example.com/hook", "chat"));
    }

    @Test
    void withoutAnApiKeyItSaysWhichKeyAndHowToSetIt() throws Exception {
        String config = config("{public_url: \"https://relay.example.com\"}", "", "[{name: all, to: [crm]}]");

        Cli.Run run = Cli.run("connect", "--config", config);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("connect: chat_data.api_key is not set").contains("CHAT_DATA_API_KEY");
        assertThat(chatData.calls()).isEmpty();
    }

    @Test
    void withoutAPublicUrlItSaysWhichKeyAndHowToSetIt() throws Exception {
        String config = config("{port: 8080}", "api_key: " + KEY, "[{name: all, to: [crm]}]");

        Cli.Run run = Cli.run("disconnect", "--config", config);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("disconnect: server.public_url is not set").contains("public_url: https://");
        assertThat(chatData.calls()).isEmpty();
    }

    @Test
    void aRefusedKeyEndsWithChatDatasWordsAndNeverTheKey() throws Exception {
        String config = config("{public_url: \"https://relay.example.com\"}", "api_key: sk-wrong-0000000000",
                "[{name: all, to: [crm]}]");

        Cli.Run run = Cli.run("connect", "--config", config);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Chat Data refused: 401 Chat Data refused the API key (Invalid API key): "
                + "check chat_data.api_key").doesNotContain("sk-wrong");
    }

    @Test
    void aStatusErrorAnsweredWith200IsAFailure() throws Exception {
        Cli.Run run = Cli.run("connect", "--chatbot", "bot-9", "--config", config());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Chat Data refused: Chatbot not found");
        assertThat(chatData.webhooks()).isEmpty();
    }

    @Test
    void anEmptyChatbotIdIsAUsageError() throws Exception {
        Cli.Run run = Cli.run("connect", "--chatbot", " ", "--config", config());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("connect: --chatbot needs a chatbot's id");
        assertThat(chatData.calls()).isEmpty();
    }

    @Test
    void routesThatTakeNoEventChatDataSendsLeaveNothingToRegister() throws Exception {
        String config = config("{public_url: \"https://relay.example.com\"}", "api_key: " + KEY,
                "[{name: presence, match: {event: user-online}, to: [crm]}]");

        Cli.Run run = Cli.run("connect", "--config", config);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no route takes chat, live-chat-escalation, lead-submission events");
        assertThat(chatData.calls()).isEmpty();
    }
}
