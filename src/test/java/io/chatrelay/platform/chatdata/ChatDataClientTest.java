package io.chatrelay.platform.chatdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatrelay.config.ChatDataApiConfig;
import io.chatrelay.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The calls connect makes, over real HTTP against the stand-in of Chat Data's API. */
class ChatDataClientTest {

    private static final String KEY = "sk-test-0123456789abcdef";
    private static final URI HOOK = URI.create("https://relay.example.com/webhooks/chat-data");

    private static ChatDataClient client(URI base, String key) {
        return new ChatDataClient(new ChatDataApiConfig(Optional.of(new Secret(key)), base), Duration.ofSeconds(5));
    }

    @Test
    void listsTheAccountsChatbots() throws Exception {
        try (ChatDataStandIn chatData = ChatDataStandIn.start(KEY).withChatbot("bot-2", "Sales");
             ChatDataClient client = client(chatData.baseUrl(), KEY)) {
            assertThat(client.chatbots()).containsExactly(new ChatDataClient.Chatbot("bot-1", "Support bot"),
                    new ChatDataClient.Chatbot("bot-2", "Sales"));
        }
    }

    @Test
    void addingTwiceRegistersOnceAndDeletingRemovesEveryEventOfTheUrl() throws Exception {
        try (ChatDataStandIn chatData = ChatDataStandIn.start(KEY);
             ChatDataClient client = client(chatData.baseUrl(), KEY)) {
            client.addWebhook(HOOK, "chat", "bot-1");
            client.addWebhook(HOOK, "chat", "bot-1");
            client.addWebhook(HOOK, "lead-submission", "bot-1");

            assertThat(chatData.webhooks()).containsExactlyInAnyOrder(
                    new ChatDataStandIn.Webhook("bot-1", HOOK.toString(), "chat"),
                    new ChatDataStandIn.Webhook("bot-1", HOOK.toString(), "lead-submission"));

            client.deleteWebhook(HOOK, "bot-1");

            assertThat(chatData.webhooks()).isEmpty();
        }
    }

    @Test
    void aStatusErrorAnsweredWith200IsAFailureWithChatDatasWords() throws Exception {
        try (ChatDataStandIn chatData = ChatDataStandIn.start(KEY);
             ChatDataClient client = client(chatData.baseUrl(), KEY)) {
            assertThatThrownBy(() -> client.addWebhook(HOOK, "chat", "no-such-bot"))
                    .isInstanceOf(ChatDataException.class).hasMessage("Chatbot not found")
                    .satisfies(e -> assertThat(((ChatDataException) e).temporary()).isFalse());
        }
    }

    @Test
    void aRefusedKeyIsSaidSoWithoutShowingIt() throws Exception {
        try (ChatDataStandIn chatData = ChatDataStandIn.start(KEY);
             ChatDataClient client = client(chatData.baseUrl(), "sk-wrong-9876543210")) {
            assertThatThrownBy(client::chatbots).isInstanceOf(ChatDataException.class)
                    .hasMessage("401 Chat Data refused the API key (Invalid API key): check chat_data.api_key")
                    .satisfies(e -> assertThat(((ChatDataException) e).keyRefused()).isTrue());
        }
    }

    @Test
    void aServerErrorIsTemporary() throws Exception {
        try (ChatDataStandIn chatData = ChatDataStandIn.start(KEY).failNext(1, 503);
             ChatDataClient client = client(chatData.baseUrl(), KEY)) {
            assertThatThrownBy(client::chatbots).isInstanceOf(ChatDataException.class)
                    .satisfies(e -> assertThat(((ChatDataException) e).temporary()).isTrue());
            assertThat(client.chatbots()).hasSize(1);
        }
    }

    @Test
    void anAnswerSayingTheWebhookIsAlreadyThereCountsAsDone() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200)
                    .body("{\"status\":\"error\",\"message\":\"Webhook already exists\"}").build());
            server.start(0);
            try (ChatDataClient client = client(server.url("/").uri(), KEY)) {
                client.addWebhook(HOOK, "chat", "bot-1");
            }
        }
    }

    @Test
    void readsChatbotsTolerantlyAndRefusesAnAnswerWithoutThem() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200)
                    .body("[{\"id\":\"a\",\"name\":\"A\"},{\"chatbotId\":\"b\"},{\"nothing\":1}]").build());
            server.enqueue(new MockResponse.Builder().code(200).body("{\"bots\":[]}").build());
            server.start(0);
            try (ChatDataClient client = client(server.url("/").uri(), KEY)) {
                assertThat(client.chatbots()).containsExactly(new ChatDataClient.Chatbot("a", "A"),
                        new ChatDataClient.Chatbot("b", ""));
                assertThatThrownBy(client::chatbots).isInstanceOf(ChatDataException.class)
                        .hasMessageStartingWith("get-chatbots answered without a list of chatbots");
            }
        }
    }

    @Test
    void noAnswerIsTemporaryAndNamesWhereWithoutTheKey() throws Exception {
        URI nowhere;
        try (MockWebServer closed = new MockWebServer()) {
            closed.start(0);
            nowhere = closed.url("/").uri();
        }
        try (ChatDataClient client = client(nowhere, KEY)) {
            assertThatThrownBy(client::chatbots).isInstanceOf(ChatDataException.class)
                    .hasMessageStartingWith("no answer from http://").hasMessageNotContaining(KEY)
                    .satisfies(e -> assertThat(((ChatDataException) e).temporary()).isTrue());
        }
    }
}
