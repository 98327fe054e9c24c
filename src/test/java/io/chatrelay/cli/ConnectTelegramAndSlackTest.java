package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.platform.chatdata.ChatDataStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** connect's Telegram and Slack parts, through the command line, against stand-ins over real HTTP. */
class ConnectTelegramAndSlackTest {

    private static final String KEY = "sk-test-0123456789abcdef";
    private static final String BOT_TOKEN = "123456:AAbotTokenSecret0123456789";
    private static final String WEBHOOK_SECRET = "tg-webhook-secret-0123456789";

    @TempDir
    Path dir;

    private ChatDataStandIn chatData;
    private TelegramBotStandIn telegram;

    @BeforeEach
    void start() {
        chatData = ChatDataStandIn.start(KEY);
        telegram = new TelegramBotStandIn(BOT_TOKEN);
    }

    @AfterEach
    void stop() {
        chatData.close();
        telegram.close();
    }

    private String config(String botToken) throws Exception {
        return Files.writeString(dir.resolve("relay.yaml"), """
                server: {public_url: "https://relay.example.com"}
                chat_data: {signing_secrets: [x], api_key: %s, api_base_url: "%s"}
                store: {url: "jdbc:sqlite:%s"}
                destinations:
                  support-tg: {type: telegram, bot_token: "%s", chat_id: "-100123", webhook_secret: %s,
                               api_base_url: "%s"}
                  plain-tg: {type: telegram, bot_token: "999:other", chat_id: "-100999", api_base_url: "%s"}
                  support-slack: {type: slack, token: xoxb-slack-token-0123, channel: C0123456789,
                                  signing_secret: slack-signing-secret-0123}
                  plain-slack: {type: slack, token: xoxb-other-token-0123, channel: C0999}
                routes:
                  - {name: escalations, match: {event: live-chat-escalation},
                     to: [support-tg, plain-tg, support-slack, plain-slack]}
                """.formatted(KEY, chatData.baseUrl(), dir.resolve("relay.db"), botToken, WEBHOOK_SECRET,
                telegram.baseUrl(), telegram.baseUrl())).toString();
    }

    @Test
    void pointsEachTelegramBotWithAWebhookSecretAtTheRelayAndASecondRunChangesNothing() throws Exception {
        String config = config(BOT_TOKEN);

        Cli.Run run = Cli.run("connect", "--config", config);

        assertThat(run.exit()).as(run.err()).isZero();
        TelegramBotStandIn.Webhook expected = new TelegramBotStandIn.Webhook(
                "https://relay.example.com/telegram/support-tg", WEBHOOK_SECRET, List.of("message", "callback_query"));
        assertThat(telegram.webhook()).contains(expected);
        assertThat(telegram.calls()).containsExactly("setWebhook");
        assertThat(run.out()).contains("pointed Telegram destination support-tg's bot at "
                + "https://relay.example.com/telegram/support-tg").doesNotContain("plain-tg")
                .doesNotContain(BOT_TOKEN).doesNotContain(WEBHOOK_SECRET).doesNotContain("slack-signing-secret");

        assertThat(Cli.run("connect", "--config", config).exit()).isZero();
        assertThat(telegram.webhook()).contains(expected);
    }

    @Test
    void printsASlackAppManifestForEachSlackDestinationWithASigningSecret() throws Exception {
        Cli.Run run = Cli.run("connect", "--dry-run", "--config", config(BOT_TOKEN));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Slack app manifest for destination support-slack")
                .doesNotContain("destination plain-slack");
        String out = run.out();
        int start = out.indexOf("{", out.indexOf("Slack app manifest for destination support-slack"));
        JsonNode manifest = new ObjectMapper().readTree(out.substring(start, out.indexOf("\n}", start) + 2));
        assertThat(manifest.at("/settings/event_subscriptions/request_url").asText())
                .isEqualTo("https://relay.example.com/slack/events");
        assertThat(manifest.at("/settings/interactivity/request_url").asText())
                .isEqualTo("https://relay.example.com/slack/interactions");
        assertThat(manifest.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
        assertThat(manifest.at("/oauth_config/scopes/bot").toString()).isEqualTo(
                "[\"chat:write\",\"reactions:write\",\"users:read\",\"channels:history\",\"groups:history\"]");
        assertThat(manifest.at("/settings/event_subscriptions/bot_events").toString())
                .isEqualTo("[\"message.channels\",\"message.groups\"]");
        assertThat(manifest.at("/display_information/name").asText().length()).isLessThanOrEqualTo(35);
    }

    @Test
    void aDestinationNameThatAUrlCannotHoldIsPercentEncoded() throws Exception {
        String config = Files.readString(Path.of(config(BOT_TOKEN))).replace("support-tg:", "\"support tg/ü\":")
                .replace("[support-tg,", "[\"support tg/ü\",");
        Files.writeString(dir.resolve("relay.yaml"), config);

        Cli.Run run = Cli.run("connect", "--config", dir.resolve("relay.yaml").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(telegram.webhook()).map(TelegramBotStandIn.Webhook::url)
                .contains("https://relay.example.com/telegram/support%20tg%2F%C3%BC");
    }

    @Test
    void aDryRunCallsNoTelegramMethod() throws Exception {
        Cli.Run run = Cli.run("connect", "--dry-run", "--config", config(BOT_TOKEN));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("would point Telegram destination support-tg's bot at");
        assertThat(telegram.calls()).isEmpty();
    }

    @Test
    void disconnectDeletesTheBotsWebhook() throws Exception {
        String config = config(BOT_TOKEN);
        assertThat(Cli.run("connect", "--config", config).exit()).isZero();

        Cli.Run run = Cli.run("disconnect", "--config", config);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(telegram.webhook()).isEmpty();
        assertThat(telegram.calls()).containsExactly("setWebhook", "deleteWebhook");
        assertThat(run.out()).contains("removed the webhook of Telegram destination support-tg's bot");
    }

    @Test
    void aRefusedBotTokenEndsWithTelegramsWordsAndNeverTheToken() throws Exception {
        Cli.Run run = Cli.run("connect", "--config", config("123456:AAwrongToken000000000000"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Telegram refused setWebhook for destination support-tg: 401 Unauthorized "
                + "(check bot_token)").doesNotContain("AAwrongToken");
    }
}
