package io.chatrelay.platform.chatdata;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The stand-in refuses what Chat Data's integration would never send, so tests against it mean something. */
class ChatDataStandInTest {

    private static final String KEY = "sk-test-0123456789abcdef";
    private static final OkHttpClient HTTP = new OkHttpClient();

    private static String post(ChatDataStandIn chatData, String authorization, String type, String body)
            throws Exception {
        Request.Builder request = new Request.Builder().url(chatData.baseUrl().resolve("/api/v2/live-chat").toString())
                .post(RequestBody.create(body, MediaType.get(type)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response response = HTTP.newCall(request.build()).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            blank message      | {"chatbotId":"bot-1","conversationId":"c","message":"  ","role":"human"}              | message must not be empty
            unknown role       | {"chatbotId":"bot-1","conversationId":"c","message":"hi","role":"agent"}              | role must be human or assistant
            name with bot role | {"chatbotId":"bot-1","conversationId":"c","message":"hi","role":"assistant","name":"A"} | name is only allowed with role human
            four files         | {"chatbotId":"bot-1","conversationId":"c","message":"hi","role":"human","files":[1,2,3,4]} | files must be a list of at most 3
            no conversation    | {"chatbotId":"bot-1","message":"hi","role":"human"}                                    | conversationId is required
            not an object      | [1]                                                                                    | the body must be a JSON object
            """)
    void refusesWhatTheApiRefuses(String name, String body, String message) throws Exception {
        try (ChatDataStandIn chatData = ChatDataStandIn.start(KEY)) {
            assertThat(post(chatData, "Bearer " + KEY, "application/json", body)).startsWith("400 ").contains(message);
            assertThat(chatData.messages()).isEmpty();
        }
    }

    @Test
    void wantsTheKeyAsBearerAndAJsonBody() throws Exception {
        String good = "{\"chatbotId\":\"bot-1\",\"conversationId\":\"c\",\"message\":\"hi\",\"role\":\"human\"}";
        try (ChatDataStandIn chatData = ChatDataStandIn.start(KEY)) {
            assertThat(post(chatData, null, "application/json", good)).startsWith("401 ");
            assertThat(post(chatData, KEY, "application/json", good)).startsWith("401 ");
            assertThat(post(chatData, "Bearer " + KEY, "text/plain", good)).startsWith("400 ");
            assertThat(post(chatData, "Bearer " + KEY, "application/json", good)).startsWith("200 ");
            assertThat(chatData.messages()).hasSize(1);
        }
    }

    @Test
    void failsAsToldThenAccepts() throws Exception {
        String good = "{\"chatbotId\":\"bot-1\",\"conversationId\":\"c\",\"message\":\"hi\",\"role\":\"human\"}";
        try (ChatDataStandIn chatData = ChatDataStandIn.start(KEY).failNext(2, 502).answerErrorNext("Conversation not found")) {
            assertThat(post(chatData, "Bearer " + KEY, "application/json", good)).startsWith("502 ");
            assertThat(post(chatData, "Bearer " + KEY, "application/json", good)).startsWith("502 ");
            assertThat(post(chatData, "Bearer " + KEY, "application/json", good))
                    .isEqualTo("200 {\"status\":\"error\",\"message\":\"Conversation not found\"}");
            assertThat(post(chatData, "Bearer " + KEY, "application/json", good)).startsWith("200 ");
            assertThat(chatData.messages()).hasSize(1);
        }
    }
}
