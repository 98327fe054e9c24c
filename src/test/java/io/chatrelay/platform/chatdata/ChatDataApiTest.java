package io.chatrelay.platform.chatdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.ChatDataApiConfig;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.OutboundRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class ChatDataApiTest {

    private static final String KEY = "sk-test-0123456789abcdef";
    private static final ChatDataApiConfig API = new ChatDataApiConfig(Optional.of(new Secret(KEY)),
            ChatDataApiConfig.DEFAULT_BASE_URL);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AgentReply reply(Optional<URI> avatar) {
        return new AgentReply("bot-1", "conv-9", "We have **refunded** it.", "Ada Lovelace", avatar);
    }

    @Test
    void aReplyIsAHumanMessagePostedToLiveChatWithTheKeyAsBearer() throws Exception {
        OutboundRequest request = ChatDataApi.reply(API,
                reply(Optional.of(URI.create("https://avatars.slack-edge.com/ada_72.png"))));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.url()).isEqualTo(URI.create("https://api.chat-data.com/api/v2/live-chat"));
        assertThat(request.headers()).containsEntry("Authorization", "Bearer " + KEY)
                .containsEntry("Content-Type", "application/json");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"chatbotId": "bot-1", "conversationId": "conv-9", "message": "We have **refunded** it.",
                 "role": "human", "name": "Ada Lovelace", "avatar": "https://avatars.slack-edge.com/ada_72.png"}
                """));
    }

    @Test
    void withoutAnAvatarTheFieldIsLeftOut() throws Exception {
        JsonNode body = JSON.readTree(ChatDataApi.reply(API, reply(Optional.empty())).body());

        assertThat(body.has("avatar")).isFalse();
        assertThat(body.path("name").asText()).isEqualTo("Ada Lovelace");
    }

    @Test
    void theKeyNeverShowsInTheDisplayUrlOrTheRequestsText() {
        OutboundRequest request = ChatDataApi.reply(API, reply(Optional.empty()));

        assertThat(request.displayUrl()).isEqualTo("https://api.chat-data.com/api/v2/live-chat");
        assertThat(request.toString()).doesNotContain(KEY).contains("Authorization: Bearer ***");
    }

    @Test
    void aBaseUrlWithAPathKeepsItButShowsItMasked() {
        ChatDataApiConfig proxied = new ChatDataApiConfig(API.apiKey(),
                URI.create("https://proxy.example.com/tok3n-4567/"));

        OutboundRequest request = ChatDataApi.addWebhook(proxied, URI.create("https://relay.example.com/hook"),
                "chat", "bot-1");

        assertThat(request.url()).isEqualTo(URI.create("https://proxy.example.com/tok3n-4567/api/v2/add-webhook"));
        assertThat(request.displayUrl()).isEqualTo("https://proxy.example.com/***/api/v2/add-webhook");
    }

    @Test
    void theConnectRequestsCarryWhatTheIntegrationSends() throws Exception {
        URI hook = URI.create("https://relay.example.com/webhooks/chat-data");

        assertThat(JSON.readTree(ChatDataApi.addWebhook(API, hook, "live-chat-escalation", "bot-1").body()))
                .isEqualTo(JSON.readTree("""
                        {"url": "https://relay.example.com/webhooks/chat-data", "event": "live-chat-escalation",
                         "chatbotId": "bot-1"}"""));
        assertThat(JSON.readTree(ChatDataApi.deleteWebhook(API, hook, "bot-1").body())).isEqualTo(JSON.readTree("""
                {"url": "https://relay.example.com/webhooks/chat-data", "chatbotId": "bot-1"}"""));
        OutboundRequest list = ChatDataApi.getChatbots(API);
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.url().getPath()).isEqualTo("/api/v2/get-chatbots");
        assertThat(list.headers()).containsEntry("Authorization", "Bearer " + KEY);
    }

    @Test
    void withoutAKeyThereIsNoRequestToBuild() {
        assertThatThrownBy(() -> ChatDataApi.reply(ChatDataApiConfig.OFF, reply(Optional.empty())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chat_data.api_key");
    }

    @Test
    void aReplyMustHoldTextWithinTheLimit() {
        assertThatThrownBy(() -> new AgentReply("bot-1", "conv-9", " \n ", "Ada", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> new AgentReply("bot-1", "conv-9", "x".repeat(ReplySplit.LIMIT + 1), "Ada",
                Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ReplySplit");
        assertThatThrownBy(() -> new AgentReply("bot-1", " ", "hi", "Ada", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationId");
    }

    @Test
    void theStandInAcceptsTheBuiltReplyOverRealHttp() throws Exception {
        try (ChatDataStandIn chatData = ChatDataStandIn.start(KEY)) {
            ChatDataApiConfig api = new ChatDataApiConfig(API.apiKey(), chatData.baseUrl());
            OutboundRequest request = ChatDataApi.reply(api, reply(Optional.empty()));

            try (Response response = send(request)) {
                assertThat(response.code()).isEqualTo(200);
            }

            assertThat(chatData.messages()).singleElement()
                    .satisfies(message -> assertThat(message.path("message").asText()).isEqualTo(
                            "We have **refunded** it."));
        }
    }

    static Response send(OutboundRequest request) throws java.io.IOException {
        Request.Builder http = new Request.Builder().url(request.url().toString())
                .method(request.method(), RequestBody.create(request.body(), MediaType.get("application/json")));
        request.headers().forEach(http::header);
        return new OkHttpClient().newCall(http.build()).execute();
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
