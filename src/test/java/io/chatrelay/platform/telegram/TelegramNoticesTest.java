package io.chatrelay.platform.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.ReplyRules;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.FormatterFixtures;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.platform.Outcome;
import io.chatrelay.store.Claims;
import io.chatrelay.testkit.Fixtures;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an agent sees in Telegram about a reply: the reaction, Chat Data's reason, and the line after a claim. */
class TelegramNoticesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACK = new TelegramTakes.Posted("-100777", 501).json();
    private static final Envelope ENVELOPE = FormatterFixtures.envelope(Fixtures.bytes("live-chat-escalation"));

    private static TelegramConfig destination(Optional<String> topic, Optional<Secret> webhookSecret, ReplyRules rules) {
        return new TelegramConfig("on-call", new Secret("123:TOKEN"), "-100777", topic,
                URI.create("https://api.telegram.org"),
                new DestinationOptions(Optional.empty(), Optional.empty(), Optional.empty()), webhookSecret, rules);
    }

    private static final TelegramFormatter FORMATTER = new TelegramFormatter(destination(Optional.of("7"),
            Optional.of(new Secret("hook")), ReplyRules.DEFAULT));

    private static JsonNode body(OutboundRequest request) throws Exception {
        return JSON.readTree(request.body());
    }

    @Test
    void aDeliveredReplyGetsAThumbsUpAndADeadOneAThumbsDownBothAmongTelegramsAllowedReactions() throws Exception {
        OutboundRequest up = FORMATTER.formatNotice(ENVELOPE, "{\"ack\":" + ACK + ",\"reaction\":\"delivered\"}")
                .orElseThrow();
        OutboundRequest down = FORMATTER.formatNotice(ENVELOPE, "{\"ack\":" + ACK + ",\"reaction\":\"failed\"}")
                .orElseThrow();

        assertThat(up.url()).isEqualTo(URI.create("https://api.telegram.org/bot123:TOKEN/setMessageReaction"));
        assertThat(up.displayUrl()).isEqualTo("https://api.telegram.org/bot***/setMessageReaction");
        assertThat(body(up).toString()).isEqualTo("{\"chat_id\":\"-100777\",\"message_id\":501,"
                + "\"reaction\":[{\"type\":\"emoji\",\"emoji\":\"👍\"}]}");
        assertThat(body(down).path("reaction").get(0).path("emoji").asText()).isEqualTo("👎");
    }

    @Test
    void chatDatasReasonIsAnEscapedReplyToTheAgentsMessageInTheTopic() throws Exception {
        OutboundRequest say = FORMATTER.formatNotice(ENVELOPE, "{\"ack\":" + ACK
                + ",\"say\":\"⚠️ Not sent to the visitor: <b>no</b> & such conversation\"}").orElseThrow();

        JsonNode message = body(say);
        assertThat(say.url().toString()).endsWith("/sendMessage");
        assertThat(message.path("chat_id").asText()).isEqualTo("-100777");
        assertThat(message.path("message_thread_id").asLong()).isEqualTo(7);
        assertThat(message.path("reply_parameters").path("message_id").asLong()).isEqualTo(501);
        assertThat(message.path("text").asText())
                .isEqualTo("⚠️ Not sent to the visitor: &lt;b&gt;no&lt;/b&gt; &amp; such conversation");
        assertThat(TelegramRules.violations(message)).isEmpty();
    }

    @Test
    void theLineAfterAClaimRepliesToTheEscalationsMessageWithTheDestinationsPrefix() throws Exception {
        TelegramConfig telegram = destination(Optional.empty(), Optional.of(new Secret("hook")),
                new ReplyRules(Optional.empty(), "#note"));
        List<Claims.Queued> queued = TelegramNotices.whenTaken(telegram, true,
                Optional.of(new TelegramTakes.Posted("-100777", 300)));

        JsonNode line = body(new TelegramFormatter(telegram).formatNotice(ENVELOPE, queued.get(0).target())
                .orElseThrow());

        assertThat(queued).extracting(Claims.Queued::destination).containsExactly("on-call");
        assertThat(line.path("text").asText())
                .isEqualTo("Replies to this message go to the visitor. Start with #note to keep a note internal.");
        assertThat(line.path("reply_parameters").path("message_id").asLong()).isEqualTo(300);
        assertThat(line.has("message_thread_id")).isFalse();
        assertThat(TelegramNotices.whenTaken(telegram, false, Optional.empty())).as("no API key: no replies").isEmpty();
        assertThat(TelegramNotices.whenTaken(destination(Optional.empty(), Optional.of(new Secret("hook")),
                new ReplyRules(Optional.of(ReplyRules.Mode.OFF), "//")), true, Optional.empty())).isEmpty();
        assertThat(TelegramNotices.whenTaken(destination(Optional.empty(), Optional.empty(), ReplyRules.DEFAULT),
                true, Optional.empty())).as("no webhook_secret: no updates").isEmpty();
    }

    @Test
    void aPressesAnswerIsStillAnAnswerCallbackQuery() {
        OutboundRequest answer = FORMATTER.formatNotice(ENVELOPE, new TelegramTakes.Press("cbq-1", "42").json())
                .orElseThrow();

        assertThat(answer.url().toString()).endsWith("/answerCallbackQuery");
    }

    @Test
    void aReactionTelegramRefusesIsDeadAndFloodControlIsRetried() {
        OutboundRequest up = FORMATTER.formatNotice(ENVELOPE, "{\"ack\":" + ACK + ",\"reaction\":\"delivered\"}")
                .orElseThrow();
        TelegramPlatform platform = new TelegramPlatform();

        assertThat(platform.classify(up, Answer.json(400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: REACTION_INVALID\"}"), Instant.EPOCH))
                .isInstanceOf(Outcome.Dead.class);
        assertThat(platform.classify(up, Answer.json(429, "{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after 3\",\"parameters\":{\"retry_after\":3}}"),
                Instant.EPOCH)).isInstanceOf(Outcome.Retry.class);
        assertThat(platform.classify(up, Answer.json(200, "{\"ok\":true,\"result\":true}"), Instant.EPOCH))
                .isInstanceOf(Outcome.Delivered.class);
    }
}
