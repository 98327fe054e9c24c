package io.chatrelay.platform.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discord messages of an escalation, over real HTTP against a webhook stand-in that keeps
 * Discord's rules: posted with {@code wait=true} so that their id is kept, carrying a link to the
 * claim page while the escalation can be taken, and edited with {@code PATCH .../messages/{id}}
 * (in their thread, if they are in one) when someone takes it or the visitor leaves.
 */
class DiscordEditsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAKE_LINK = "**[🙋 Take this chat](https://relay.example.com/claim/";

    @TempDir
    Path dir;

    private RelayConfig config(String discord, String telegramApi) throws Exception {
        return Platforms.loader(Map.of()).parse("""
                server: {port: 0, public_url: "https://relay.example.com"}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                destinations:
                  support-discord: %s
                  on-call:
                    type: telegram
                    bot_token: "123:TOKEN"
                    chat_id: "-100777"
                    webhook_secret: tg-secret
                    api_base_url: "%s"
                    rate_limit: {requests: 100, per: 1s}
                routes:
                  - {name: escalations, match: {event: live-chat-escalation}, to: [support-discord, on-call]}
                """.formatted(dir.resolve("relay.db"), RelayUnderTest.SECRET, discord, telegramApi));
    }

    @Test
    void anEscalationIsPostedWaitingForItsIdAndEditedWhenSomeoneTakesItInTelegram() throws Exception {
        try (DiscordWebhookApi discord = new DiscordWebhookApi("1", "TOKEN"); Sink telegram = telegram();
             Relay relay = Relay.start(config("{type: discord, webhook_url: \"%s\", username: Chat Data}"
                     .formatted(discord.webhookUrl()), telegram.url("")))) {
            String eventId = escalate(relay);
            DiscordWebhookApi.Call posted = discord.next();
            assertThat(posted.url().queryParameter("wait")).isEqualTo("true");
            assertThat(description(posted.body())).startsWith(TAKE_LINK);

            telegram.take(); // the escalation's Telegram message, with its button
            assertThat(press(relay, eventId).status()).isEqualTo(200);
            DiscordWebhookApi.Call edit = discord.next();

            assertThat(edit.method()).isEqualTo("PATCH");
            assertThat(edit.url().encodedPath()).isEqualTo("/api/webhooks/1/TOKEN/messages/" + posted.messageId());
            assertThat(edit.url().querySize()).isZero();
            assertThat(description(edit.body())).matches("(?s)🙋 Taken by Ana Lima at \\d\\d:\\d\\d UTC\n\n.*")
                    .doesNotContain("Take this chat");
            assertThat(edit.body().path("allowed_mentions").path("parse")).isEmpty();
            assertThat(edit.body().path("embeds").get(0).path("title").asText()).isEqualTo("🚨 Live chat escalation");
            Eventually.holds("everything is sent", () -> relay.pendingDeliveries() == 0);
            assertThat(discord.violations()).isEmpty();
        }
    }

    @Test
    void aForumPostIsEditedInItsThreadWhenTheVisitorLeaves() throws Exception {
        try (DiscordWebhookApi discord = new DiscordWebhookApi("2", "TOKEN"); Sink telegram = telegram();
             Relay relay = Relay.start(config("{type: discord, webhook_url: \"%s\", thread_name: \"Chat {{conversation_id}}\"}"
                     .formatted(discord.webhookUrl()), telegram.url("")))) {
            escalate(relay);
            DiscordWebhookApi.Call posted = discord.next();
            assertThat(posted.url().queryParameter("wait")).isEqualTo("true");
            assertThat(posted.thread()).as("a new forum post").isNotNull();

            Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("user-offline"));
            DiscordWebhookApi.Call edit = discord.next();

            assertThat(edit.url().encodedPath()).isEqualTo("/api/webhooks/2/TOKEN/messages/" + posted.messageId());
            assertThat(edit.url().queryParameter("thread_id")).isEqualTo(posted.thread());
            assertThat(description(edit.body())).matches("(?s)👋 Visitor left at \\d\\d:\\d\\d UTC\n\n.*")
                    .doesNotContain("Take this chat");
            Eventually.holds("everything is sent", () -> relay.pendingDeliveries() == 0);
            assertThat(discord.violations()).isEmpty();
        }
    }

    @Test
    void aWebhookThatPostsIntoAThreadEditsInThatThread() throws Exception {
        try (DiscordWebhookApi discord = new DiscordWebhookApi("3", "TOKEN"); Sink telegram = telegram();
             Relay relay = Relay.start(config("{type: discord, webhook_url: \"%s?thread_id=555\"}"
                     .formatted(discord.webhookUrl()), telegram.url("")))) {
            String eventId = escalate(relay);
            DiscordWebhookApi.Call posted = discord.next();
            assertThat(posted.url().queryParameter("thread_id")).isEqualTo("555");
            assertThat(posted.url().queryParameter("wait")).isEqualTo("true");

            telegram.take();
            press(relay, eventId);
            DiscordWebhookApi.Call edit = discord.next();

            assertThat(edit.url().encodedPath()).isEqualTo("/api/webhooks/3/TOKEN/messages/" + posted.messageId());
            assertThat(edit.url().queryParameter("thread_id")).isEqualTo("555");
            assertThat(discord.violations()).isEmpty();
        }
    }

    @Test
    void aLongEscalationWhoseAnswerEchoesManyBytesIsEditedToo() throws Exception {
        try (DiscordWebhookApi discord = new DiscordWebhookApi("4", "TOKEN"); Sink telegram = telegram();
             Relay relay = Relay.start(config("{type: discord, webhook_url: \"%s\"}"
                     .formatted(discord.webhookUrl()), telegram.url("")))) {
            // three bytes a character: the message object Discord answers with is over 8 KiB before its id
            com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
                    JSON.readTree(Fixtures.bytes("live-chat-escalation"));
            com.fasterxml.jackson.databind.node.ArrayNode messages = body.putArray("messages");
            for (int i = 0; i < 12; i++) {
                messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content", "訂單".repeat(400));
            }
            Http.Reply accepted = Http.postSigned(relay.port(), RelayUnderTest.SECRET, JSON.writeValueAsBytes(body));
            String eventId = JSON.readTree(accepted.body()).path("id").asText();
            DiscordWebhookApi.Call posted = discord.next();
            assertThat(posted.body().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isGreaterThan(10_000);

            telegram.take();
            press(relay, eventId);
            DiscordWebhookApi.Call edit = discord.next();

            assertThat(edit.method()).isEqualTo("PATCH");
            assertThat(edit.url().encodedPath()).isEqualTo("/api/webhooks/4/TOKEN/messages/" + posted.messageId());
        }
    }

    /** The Bot API, answering every call as sent. */
    private static Sink telegram() {
        Sink telegram = Sink.ok();
        telegram.alwaysAnswer(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"ok\":true,\"result\":{\"message_id\":5,\"chat\":{\"id\":-100777}}}").build());
        return telegram;
    }

    private static String escalate(Relay relay) throws Exception {
        Http.Reply accepted = Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"));
        return JSON.readTree(accepted.body()).path("id").asText();
    }

    /** Ana presses Telegram's take button: Telegram's webhook update, with its secret token. */
    private static Http.Reply press(Relay relay, String eventId) {
        String update = "{\"update_id\":1,\"callback_query\":{\"id\":\"q1\",\"from\":{\"id\":42,\"is_bot\":false,"
                + "\"first_name\":\"Ana\",\"last_name\":\"Lima\"},\"message\":{\"message_id\":5,\"date\":1700000000,"
                + "\"chat\":{\"id\":-100777,\"type\":\"supergroup\"}},\"chat_instance\":\"1\",\"data\":\"claim:"
                + eventId + "\"}}";
        return Http.execute(new Request.Builder().url("http://127.0.0.1:" + relay.port() + "/telegram/on-call")
                .header("X-Telegram-Bot-Api-Secret-Token", "tg-secret")
                .post(RequestBody.create(update, MediaType.get("application/json"))).build());
    }

    private static String description(JsonNode message) {
        return message.path("embeds").get(0).path("description").asText();
    }
}
