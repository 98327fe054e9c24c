package io.chatrelay.platform.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Taking an escalation from Telegram, over real HTTP: the relay posts it with a take button to a
 * Bot API stand-in that keeps Telegram's rules, Telegram's webhook delivers the press to
 * {@code POST /telegram/{destination}}, and the message is edited and the press answered.
 */
class TelegramClaimsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "123:TOKEN";
    private static final long CHAT = -100777;
    private static final String SECRET = "tg_webhook-secret";

    @TempDir
    Path dir;

    private TelegramBotApi api;
    private Relay relay;

    @BeforeEach
    void start() throws Exception {
        api = new TelegramBotApi(TOKEN, CHAT);
        relay = Relay.start(RelayUnderTest.config(dir, """
                destinations:
                  on-call:
                    type: telegram
                    bot_token: "%1$s"
                    chat_id: "%2$d"
                    webhook_secret: "%3$s"
                    api_base_url: "%4$s"
                    rate_limit: {requests: 100, per: 1s}
                  no-secret: {type: telegram, bot_token: "%1$s", chat_id: "%2$d", api_base_url: "%4$s"}
                  mail-like: {type: webhook, url: "%4$s/elsewhere"}
                routes: [{name: escalations, match: {event: live-chat-escalation}, to: [on-call]}]
                """.formatted(TOKEN, CHAT, SECRET, api.baseUrl())));
    }

    @AfterEach
    void stop() {
        relay.close();
        api.close();
    }

    @Test
    void aPressTakesTheChatEditsTheMessageAndAnswersThePresserAndALatePresserOnlyHearsWhoTookIt() throws Exception {
        String eventId = escalate();
        TelegramBotApi.Call posted = api.next("sendMessage");
        assertThat(buttons(posted.body())).containsExactly("🙋 Take this chat=callback_data:claim:" + eventId,
                "Open live chat=url:https://www.chat-data.com/chatbot/654aee418bc9a33b0e50d0ad/live-chat/"
                        + "dbf24043-83a6-47fb-b241-9865de3877c9");

        assertThat(update(SECRET, press(1, api.press(), 42, "Ana", "Lima", CHAT, posted.messageId(), eventId)).status())
                .isEqualTo(200);
        Map<String, TelegramBotApi.Call> first = api.nextEach("editMessageText", "answerCallbackQuery");

        JsonNode edited = first.get("editMessageText").body();
        assertThat(edited.path("message_id").asLong()).isEqualTo(posted.messageId());
        assertThat(edited.path("text").asText()).matches("(?s)<b>🚨 Live chat escalation</b>\n"
                + "🙋 Taken by Ana Lima at \\d\\d:\\d\\d UTC\n\n.*");
        assertThat(buttons(edited)).as("the take button is gone, the live chat stays")
                .containsExactly("Open live chat=url:https://www.chat-data.com/chatbot/654aee418bc9a33b0e50d0ad/"
                        + "live-chat/dbf24043-83a6-47fb-b241-9865de3877c9");
        assertThat(first.get("answerCallbackQuery").body().path("text").asText()).isEqualTo("You took this chat.");

        String late = api.press();
        String benPress = press(2, late, 43, "Ben", null, CHAT, posted.messageId(), eventId);
        assertThat(update(SECRET, benPress).status()).isEqualTo(200);
        JsonNode answer = api.next("answerCallbackQuery").body();
        assertThat(answer.path("callback_query_id").asText()).isEqualTo(late);
        assertThat(answer.path("text").asText()).matches("Ana Lima took this chat at \\d\\d:\\d\\d UTC");

        assertThat(update(SECRET, benPress).status()).as("Telegram resends an update it got no answer to").isEqualTo(200);
        Eventually.holds("everything queued is sent", () -> relay.pendingDeliveries() == 0);
        assertThat(api.unread()).as("no edit for a late press, nothing for a resent one").isEmpty();
        assertThat(api.violations()).isEmpty();
    }

    @Test
    void aPressWithoutTheWebhookSecretIsRefusedAndChangesNothing() throws Exception {
        String eventId = escalate();
        long message = api.next("sendMessage").messageId();

        try (LogCapture log = new LogCapture()) {
            assertThat(update(null, press(1, api.press(), 66, "Mallory", null, CHAT, message, eventId)).status())
                    .isEqualTo(401);
            assertThat(update("wrong", press(2, api.press(), 66, "Mallory", null, CHAT, message, eventId)).status())
                    .isEqualTo(401);
            Eventually.holds("the refusal is logged", () -> log.text().contains("refused a request"));
            assertThat(log.text()).contains("X-Telegram-Bot-Api-Secret-Token").doesNotContain(SECRET)
                    .doesNotContain("wrong");
        }

        update(SECRET, press(1, api.press(), 42, "Ana", null, CHAT, message, eventId));
        Map<String, TelegramBotApi.Call> calls = api.nextEach("editMessageText", "answerCallbackQuery");
        assertThat(calls.get("answerCallbackQuery").body().path("text").asText())
                .as("the refused presses took nothing, nor kept their update_id").isEqualTo("You took this chat.");
        assertThat(calls.get("editMessageText").body().path("text").asText()).contains("Taken by Ana at");
    }

    @Test
    void updatesForAnotherChatOrOfAnotherKindAreIgnoredAndAcknowledged() throws Exception {
        String eventId = escalate();
        long message = api.next("sendMessage").messageId();

        assertThat(update(SECRET, press(1, api.press(), 42, "Ana", null, -100999, message, eventId)).status())
                .as("a press in another chat the bot is in").isEqualTo(200);
        assertThat(update(SECRET, "{\"update_id\":2,\"message\":{\"message_id\":7,\"from\":{\"id\":42,\"is_bot\":false,"
                + "\"first_name\":\"Ana\"},\"chat\":{\"id\":" + CHAT + ",\"type\":\"supergroup\"},\"date\":1700000000,"
                + "\"text\":\"on it\"}}").status()).as("a message: the next way in").isEqualTo(200);
        Eventually.holds("nothing queued", () -> relay.pendingDeliveries() == 0);
        assertThat(api.unread()).isEmpty();

        update(SECRET, press(3, api.press(), 43, "Ben", null, CHAT, message, eventId));
        assertThat(api.nextEach("editMessageText", "answerCallbackQuery").get("answerCallbackQuery").body()
                .path("text").asText()).as("the press from another chat took nothing").isEqualTo("You took this chat.");
        assertThat(api.violations()).isEmpty();
    }

    @Test
    void aPressTheStoreCannotKeepIsAnswered503AndTelegramsResendTakesTheChat() throws Exception {
        String eventId = escalate();
        long message = api.next("sendMessage").messageId();
        Eventually.holds("the message is recorded", () -> relay.pendingDeliveries() == 0);
        String press = press(1, api.press(), 42, "Ana", null, CHAT, message, eventId);

        sql("ALTER TABLE claims RENAME TO claims_away");
        Http.Reply refused = update(SECRET, press);
        sql("ALTER TABLE claims_away RENAME TO claims");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(update(SECRET, press).status()).as("the same update again").isEqualTo(200);
        assertThat(api.nextEach("editMessageText", "answerCallbackQuery").get("answerCallbackQuery").body()
                .path("text").asText()).isEqualTo("You took this chat.");
        assertThat(api.violations()).isEmpty();
    }

    /** Changes the relay's SQLite store under it, from a connection of its own. */
    private void sql(String statement) throws Exception {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"));
             java.sql.Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA busy_timeout=5000");
            sql.execute(statement);
        }
    }

    @Test
    void aPressInTheChatOfAnotherDestinationOfTheSameBotReachesItThroughTheBotsOneWebhook() throws Exception {
        long other = -100778;
        try (TelegramBotApi bot = new TelegramBotApi(TOKEN, CHAT, other);
             Relay both = Relay.start(RelayUnderTest.config(dir.resolve("both"), """
                     destinations:
                       first: {type: telegram, bot_token: "%1$s", chat_id: "%2$d", webhook_secret: first-secret,
                               api_base_url: "%4$s", rate_limit: {requests: 100, per: 1s}}
                       second: {type: telegram, bot_token: "%1$s", chat_id: "%3$d", webhook_secret: second-secret,
                                api_base_url: "%4$s", rate_limit: {requests: 100, per: 1s}}
                     routes: [{name: escalations, match: {event: live-chat-escalation}, to: [first, second]}]
                     """.formatted(TOKEN, CHAT, other, bot.baseUrl())))) {
            String eventId = JSON.readTree(Http.postSigned(both.port(), RelayUnderTest.SECRET,
                    Fixtures.bytes("live-chat-escalation")).body()).path("id").asText();
            Map<Long, Long> posted = new java.util.HashMap<>();
            for (int i = 0; i < 2; i++) {
                TelegramBotApi.Call call = bot.next("sendMessage");
                posted.put(call.body().path("chat_id").asLong(), call.messageId());
            }

            Http.Reply reply = Http.execute(new Request.Builder().url("http://127.0.0.1:" + both.port() + "/telegram/first")
                    .header("X-Telegram-Bot-Api-Secret-Token", "first-secret").post(RequestBody.create(
                            press(1, bot.press(), 42, "Ana", null, other, posted.get(other), eventId),
                            MediaType.get("application/json"))).build());

            assertThat(reply.status()).isEqualTo(200);
            Eventually.holds("both messages edited and the press answered", () -> both.pendingDeliveries() == 0);
            List<TelegramBotApi.Call> calls = bot.unread();
            assertThat(calls).extracting(TelegramBotApi.Call::method)
                    .containsExactlyInAnyOrder("editMessageText", "editMessageText", "answerCallbackQuery");
            assertThat(calls).filteredOn(call -> call.method().equals("editMessageText"))
                    .extracting(call -> call.body().path("chat_id").asLong()).containsExactlyInAnyOrder(CHAT, other);
            assertThat(bot.violations()).isEmpty();
        }
    }

    @Test
    void unknownDestinationsAndDestinationsWithoutASecretAreNotFoundAndMalformedUpdatesAreRefused() {
        String anything = press(1, "q", 42, "Ana", null, CHAT, 1, "x");
        assertThat(update("nobody", SECRET, anything).status()).isEqualTo(404);
        assertThat(update("no-secret", SECRET, anything).status()).as("no webhook_secret: no webhook").isEqualTo(404);
        assertThat(update("mail-like", SECRET, anything).status()).isEqualTo(404);

        assertThat(update(SECRET, "{\"update_id\": 1, \"callback_query\": ").status()).isEqualTo(400);
        assertThat(update(SECRET, "[1, 2]").status()).isEqualTo(400);
        assertThat(update(SECRET, "{\"callback_query\": {}}").status()).as("no update_id").isEqualTo(400);
    }

    @Test
    void aPressForAnEventThatIsNotAnEscalationIsAnsweredInTheWebhookReplyAndChangesNothing() throws Exception {
        Http.Reply chat = Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("chat"));
        String chatId = JSON.readTree(chat.body()).path("id").asText();
        String query = api.press();

        Http.Reply reply = update(SECRET, press(1, query, 42, "Ana", null, CHAT, 5, chatId));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode method = JSON.readTree(reply.body());
        assertThat(method.path("method").asText()).isEqualTo("answerCallbackQuery");
        assertThat(method.path("callback_query_id").asText()).isEqualTo(query);
        Eventually.holds("nothing queued", () -> relay.pendingDeliveries() == 0);
        assertThat(api.unread()).isEmpty();
    }

    private String escalate() throws Exception {
        Http.Reply accepted = Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
        assertThat(accepted.status()).isEqualTo(200);
        return JSON.readTree(accepted.body()).path("id").asText();
    }

    /** A callback query update as Telegram sends it for a press of an inline button. */
    private static String press(long updateId, String queryId, long userId, String first, String last, long chat,
                                long messageId, String eventId) {
        var from = JSON.createObjectNode().put("id", userId).put("is_bot", false).put("first_name", first);
        if (last != null) {
            from.put("last_name", last);
        }
        var query = JSON.createObjectNode().put("id", queryId);
        query.set("from", from);
        query.putObject("message").put("message_id", messageId).put("date", 1700000000)
                .putObject("chat").put("id", chat).put("type", "supergroup");
        query.put("chat_instance", "-8000").put("data", "claim:" + eventId);
        var update = JSON.createObjectNode().put("update_id", updateId);
        update.set("callback_query", query);
        return update.toString();
    }

    private Http.Reply update(String secret, String json) {
        return update("on-call", secret, json);
    }

    private Http.Reply update(String destination, String secret, String json) {
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + relay.port() + "/telegram/" + destination)
                .post(RequestBody.create(json, MediaType.get("application/json")));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return Http.execute(request.build());
    }

    /** The inline keyboard's buttons as "text=kind:value". */
    private static java.util.List<String> buttons(JsonNode message) {
        java.util.List<String> shown = new java.util.ArrayList<>();
        for (JsonNode row : message.path("reply_markup").path("inline_keyboard")) {
            for (JsonNode button : row) {
                String kind = button.has("callback_data") ? "callback_data" : "url";
                shown.add(button.path("text").asText() + "=" + kind + ":" + button.path(kind).asText());
            }
        }
        return shown;
    }
}
