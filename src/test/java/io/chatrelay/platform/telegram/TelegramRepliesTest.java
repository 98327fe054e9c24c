package io.chatrelay.platform.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.Relay;
import io.chatrelay.platform.Platforms;
import io.chatrelay.platform.chatdata.ChatDataStandIn;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.LogCapture;
import io.chatrelay.testkit.ManualClock;
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
 * An agent answers the visitor by replying to the escalation's Telegram message, end to end over
 * real HTTP: the escalation posted to a Bot API stand-in, Telegram's webhook updates at
 * {@code /telegram/{destination}}, the reply delivered to Chat Data's API stand-in, and what the
 * agent sees of it in the chat (👍, or 👎 and Chat Data's reason as a reply).
 */
class TelegramRepliesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "123:TOKEN";
    private static final long CHAT = -100777;
    private static final String SECRET = "tg_webhook-secret";
    private static final String API_KEY = "chat-data-api-key";
    private static final String CHATBOT = "654aee418bc9a33b0e50d0ad";
    private static final String CONVERSATION = "dbf24043-83a6-47fb-b241-9865de3877c9";
    private static final String LINE = "Replies to this message go to the visitor. Start with // to keep a note internal.";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final ChatDataStandIn chatData = ChatDataStandIn.start(API_KEY).withChatbot(CHATBOT, "AI Chatbot");
    private TelegramBotApi api;
    private Relay relay;
    private long escalation;

    @BeforeEach
    void start() throws Exception {
        clock.set("2026-11-24T14:02:10Z");
        api = new TelegramBotApi(TOKEN, CHAT);
        start("");
    }

    /** The relay with {@code rules} added to the destination, and the escalation posted. */
    private void start(String rules) throws Exception {
        relay = Relay.start(Platforms.loader(Map.of()).parse("""
                server: {port: 0}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"], api_key: %s, api_base_url: "%s"}
                destinations:
                  on-call: {type: telegram, bot_token: "%s", chat_id: "%d", webhook_secret: "%s",
                            api_base_url: "%s", rate_limit: {requests: 100, per: 1s} %s}
                routes: [{name: escalations, match: {event: live-chat-escalation}, to: [on-call]}]
                """.formatted(dir.resolve("relay.db"), RelayUnderTest.SECRET, API_KEY, chatData.baseUrl(), TOKEN,
                CHAT, SECRET, api.baseUrl(), rules)), clock);
        Http.Reply accepted = Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
        assertThat(accepted.status()).isEqualTo(200);
        escalation = api.next("sendMessage").messageId();
        settled();
    }

    @AfterEach
    void stop() {
        relay.close();
        api.close();
        chatData.close();
    }

    @Test
    void theClaimersReplyReachesTheVisitorOnceWithTheirNameAndConvertedTextAndGetsAThumbsUp() throws Exception {
        take(42, "Ana");
        ObjectNode reply = reply(10, 42, "Ana", escalation, 501, "Sure, see the guide");
        entity(reply, "bold", 0, 4, null);
        entity(reply, "text_link", 10, 9, "https://docs.example.com");

        try (LogCapture log = new LogCapture()) {
            assertThat(update(SECRET, reply).status()).isEqualTo(200);

            Eventually.holds("the reply reaches Chat Data", () -> chatData.messages().size() == 1);
            JsonNode message = chatData.messages().get(0);
            assertThat(message.path("message").asText()).isEqualTo("**Sure**, see [the guide](https://docs.example.com)");
            assertThat(message.path("name").asText()).isEqualTo("Ana Lima");
            assertThat(message.path("role").asText()).isEqualTo("human");
            assertThat(message.path("conversationId").asText()).isEqualTo(CONVERSATION);
            assertThat(message.path("chatbotId").asText()).isEqualTo(CHATBOT);
            assertThat(message.has("avatar")).isFalse();
            JsonNode reaction = api.next("setMessageReaction").body();
            assertThat(reaction.path("chat_id").asLong()).isEqualTo(CHAT);
            assertThat(reaction.path("message_id").asLong()).as("on Ana's message").isEqualTo(501);
            assertThat(reaction.path("reaction").toString()).isEqualTo("[{\"type\":\"emoji\",\"emoji\":\"👍\"}]");

            assertThat(update(SECRET, reply).status()).as("Telegram resends the same update").isEqualTo(200);
            settled();
            assertThat(chatData.messages()).hasSize(1);
            assertThat(api.unread()).isEmpty();
            assertThat(api.violations()).isEmpty();
            assertThat(log.text()).doesNotContain(API_KEY, TOKEN, SECRET, "docs.example.com");
        }
    }

    @Test
    void anotherPersonsReplyAnInternalNoteABotsMessageAnEditAndOtherMessagesDoNotReachTheVisitor() throws Exception {
        take(42, "Ana");
        ObjectNode edit = reply(16, 42, "Ana", escalation, 506, "edited");
        edit.set("edited_message", edit.remove("message"));
        ObjectNode bot = reply(13, 42, "Relay", escalation, 503, "from a bot");
        ((ObjectNode) bot.path("message").path("from")).put("is_bot", true);
        ObjectNode elsewhere = reply(15, 42, "Ana", escalation, 505, "another chat");
        ((ObjectNode) elsewhere.path("message").path("chat")).put("id", -100999);

        Http.Reply ben = update(SECRET, reply(11, 43, "Ben", escalation, 502, "I can help too"));
        List<Http.Reply> others = List.of(
                update(SECRET, reply(12, 42, "Ana", escalation, 503, "// she asked before, see CRM")),
                update(SECRET, bot),
                update(SECRET, reply(14, 42, "Ana", 9999, 504, "a reply to another message")),
                update(SECRET, elsewhere),
                update(SECRET, edit),
                update(SECRET, reply(17, 42, "Ana", 0, 507, "not a reply")));

        assertThat(ben.status()).isEqualTo(200);
        JsonNode told = JSON.readTree(ben.body());
        assertThat(told.path("method").asText()).as("Ben is told in the webhook's answer").isEqualTo("sendMessage");
        assertThat(told.path("reply_parameters").path("message_id").asLong()).isEqualTo(502);
        assertThat(told.path("text").asText()).startsWith("Ana Lima took this chat");
        assertThat(others).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEmpty();
        });
        settled();
        assertThat(chatData.calls()).isEmpty();
        assertThat(api.unread()).isEmpty();
    }

    @Test
    void withRepliesFromAnyoneEveryPersonAnswersTheVisitorAndTheDestinationsPrefixKeepsNotes() throws Exception {
        relay.close();
        dir = dir.resolve("anyone");
        java.nio.file.Files.createDirectories(dir);
        start(", replies: anyone, internal_prefix: \"#\"");
        take(42, "Ana", "Replies to this message go to the visitor. Start with # to keep a note internal.");

        update(SECRET, reply(70, 43, "Ben", escalation, 560, "Ben here too"));
        update(SECRET, reply(71, 42, "Ana", escalation, 561, "# between us"));
        update(SECRET, reply(72, 42, "Ana", escalation, 562, "// shown"));

        Eventually.holds("both replies reach Chat Data", () -> chatData.messages().size() == 2);
        settled();
        assertThat(chatData.messages()).extracting(m -> m.path("name").asText() + ": " + m.path("message").asText())
                .containsExactly("Ben Lima: Ben here too", "Ana Lima: // shown");
    }

    @Test
    void aReplyToTheLineSayingHowRepliesWorkReachesTheVisitorToo() throws Exception {
        long line = take(42, "Ana");

        assertThat(update(SECRET, reply(11, 42, "Ana", line, 502, "Hello from the line")).status()).isEqualTo(200);

        Eventually.holds("the reply reaches Chat Data", () -> chatData.messages().size() == 1);
        assertThat(chatData.messages().get(0).path("message").asText()).isEqualTo("Hello from the line");
    }

    @Test
    void aReplyBeforeAnyoneClaimedTakesTheChat() throws Exception {
        assertThat(update(SECRET, reply(20, 43, "Ben", escalation, 510, "Hello, Ben here")).status()).isEqualTo(200);

        Eventually.holds("the reply reaches Chat Data", () -> chatData.messages().size() == 1);
        assertThat(chatData.messages().get(0).path("name").asText()).isEqualTo("Ben Lima");
        settled();
        List<TelegramBotApi.Call> calls = api.unread();
        assertThat(calls).extracting(TelegramBotApi.Call::method)
                .containsExactlyInAnyOrder("editMessageText", "sendMessage", "setMessageReaction");
        assertThat(body(calls, "editMessageText").path("text").asText()).contains("Taken by Ben Lima at");
        assertLine(body(calls, "sendMessage"), LINE);
        assertThat(body(calls, "setMessageReaction").path("message_id").asLong()).isEqualTo(510);
        assertThat(api.violations()).isEmpty();
    }

    @Test
    void aReplyChatDataRefusesEndsDeadWithAThumbsDownAndTheReasonAsAReply() throws Exception {
        take(42, "Ana");
        chatData.answerErrorNext("Conversation not found");

        assertThat(update(SECRET, reply(30, 42, "Ana", escalation, 520, "Are you there?")).status()).isEqualTo(200);

        Map<String, TelegramBotApi.Call> told = api.nextEach("setMessageReaction", "sendMessage");
        assertThat(told.get("setMessageReaction").body().path("reaction").toString())
                .isEqualTo("[{\"type\":\"emoji\",\"emoji\":\"👎\"}]");
        JsonNode why = told.get("sendMessage").body();
        assertThat(why.path("reply_parameters").path("message_id").asLong()).as("a reply to Ana's message")
                .isEqualTo(520);
        assertThat(why.path("text").asText()).startsWith("⚠️ Not sent to the visitor:").contains("Conversation not found");
        settled();
        assertThat(chatData.messages()).isEmpty();
        assertThat(api.violations()).isEmpty();
    }

    @Test
    void filesAreNotSentAndTheAgentIsToldSoOncePerMessage() throws Exception {
        take(42, "Ana");
        ObjectNode photo = reply(40, 42, "Ana", escalation, 530, null);
        ((ObjectNode) photo.path("message")).putArray("photo").addObject().put("file_id", "AgAD").put("width", 90);
        ObjectNode captioned = reply(41, 42, "Ana", escalation, 531, null);
        ((ObjectNode) captioned.path("message")).put("caption", "Here is how it looks").putObject("document")
                .put("file_id", "BQAD");

        Http.Reply onlyPhoto = update(SECRET, photo);
        Http.Reply resent = update(SECRET, photo);
        Http.Reply withWords = update(SECRET, captioned);

        assertThat(JSON.readTree(onlyPhoto.body()).path("text").asText()).startsWith("📎 Files are not sent");
        assertThat(resent.body()).as("told once").isEmpty();
        assertThat(JSON.readTree(withWords.body()).path("text").asText()).startsWith("📎 Files are not sent");
        Eventually.holds("the caption reaches Chat Data", () -> chatData.messages().size() == 1);
        assertThat(chatData.messages().get(0).path("message").asText()).isEqualTo("Here is how it looks");
    }

    @Test
    void aReplyWithTheWrongSecretIsRefusedAndStoresNothing() throws Exception {
        ObjectNode reply = reply(50, 42, "Mallory", escalation, 540, "hello");

        assertThat(update("wrong", reply).status()).isEqualTo(401);
        assertThat(update(null, reply).status()).isEqualTo(401);

        settled();
        assertThat(chatData.calls()).isEmpty();
        assertThat(api.unread()).as("nobody took the chat").isEmpty();
        assertThat(update(SECRET, reply).status()).as("its update_id was not kept").isEqualTo(200);
        Eventually.holds("the genuine one is sent", () -> chatData.messages().size() == 1);
    }

    @Test
    void aReplyTheStoreCannotKeepIsAnswered503SoThatTelegramSendsItAgain() throws Exception {
        take(42, "Ana");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("relay.db")); java.sql.Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA busy_timeout=5000");
            sql.execute("DROP TABLE inbound"); // every reply is recorded there first: now none can be
        }

        assertThat(update(SECRET, reply(60, 42, "Ana", escalation, 550, "Hello")).status()).isEqualTo(503);
        assertThat(chatData.calls()).isEmpty();
    }

    /** Ana (or whoever) presses the take button: the message is edited, the press answered, the line posted. */
    private long take(long user, String first) {
        return take(user, first, LINE);
    }

    /** Returns the id of the line's message. */
    private long take(long user, String first, String line) {
        String query = api.press();
        var from = JSON.createObjectNode().put("id", user).put("is_bot", false).put("first_name", first)
                .put("last_name", "Lima");
        var press = JSON.createObjectNode().put("id", query);
        press.set("from", from);
        press.putObject("message").put("message_id", escalation).put("date", 1700000000)
                .putObject("chat").put("id", CHAT).put("type", "supergroup");
        press.put("chat_instance", "-8000").put("data", "claim:" + eventId());
        ObjectNode update = JSON.createObjectNode().put("update_id", 1);
        update.set("callback_query", press);
        assertThat(update(SECRET, update).status()).isEqualTo(200);
        TelegramBotApi.Call posted = api.nextEach("editMessageText", "answerCallbackQuery", "sendMessage")
                .get("sendMessage");
        assertLine(posted.body(), line);
        settled();
        return posted.messageId();
    }

    private void assertLine(JsonNode line, String text) {
        assertThat(line.path("text").asText()).isEqualTo(text);
        assertThat(line.path("reply_parameters").path("message_id").asLong()).as("a reply to the escalation")
                .isEqualTo(escalation);
    }

    /** The escalation's event id, from its take button. */
    private String eventId() {
        return api.message(escalation).path("reply_markup").path("inline_keyboard").get(0).get(0)
                .path("callback_data").asText().substring("claim:".length());
    }

    /** A message update replying to {@code parent} (0: no reply), in the destination's chat. */
    private static ObjectNode reply(long updateId, long user, String first, long parent, long messageId, String text) {
        ObjectNode message = JSON.createObjectNode().put("message_id", messageId);
        message.putObject("from").put("id", user).put("is_bot", false).put("first_name", first).put("last_name", "Lima");
        message.putObject("chat").put("id", CHAT).put("type", "supergroup").put("title", "Support");
        message.put("date", 1700000100);
        if (parent > 0) {
            message.putObject("reply_to_message").put("message_id", parent).put("date", 1700000000)
                    .putObject("chat").put("id", CHAT).put("type", "supergroup");
        }
        if (text != null) {
            message.put("text", text);
        }
        ObjectNode update = JSON.createObjectNode().put("update_id", updateId);
        update.set("message", message);
        return update;
    }

    private static void entity(ObjectNode update, String type, int offset, int length, String url) {
        ObjectNode message = (ObjectNode) update.path("message");
        var entities = message.has("entities") ? (com.fasterxml.jackson.databind.node.ArrayNode) message.get("entities")
                : message.putArray("entities");
        ObjectNode entity = entities.addObject().put("type", type).put("offset", offset).put("length", length);
        if (url != null) {
            entity.put("url", url);
        }
    }

    private static JsonNode body(List<TelegramBotApi.Call> calls, String method) {
        return calls.stream().filter(call -> call.method().equals(method)).findFirst().orElseThrow().body();
    }

    private void settled() {
        Eventually.holds("every delivery settled", () -> relay.pendingDeliveries() == 0);
    }

    private Http.Reply update(String secret, ObjectNode json) {
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + relay.port() + "/telegram/on-call")
                .post(RequestBody.create(json.toString(), MediaType.get("application/json")));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return Http.execute(request.build());
    }
}
