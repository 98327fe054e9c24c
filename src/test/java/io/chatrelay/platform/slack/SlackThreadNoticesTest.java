package io.chatrelay.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.FormatterFixtures;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.platform.Outcome;
import io.chatrelay.testkit.Fixtures;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an agent sees in the thread about a reply: the reaction, Chat Data's reason, and the line after a claim. */
class SlackThreadNoticesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACK = SlackThreadNotices.ack("C0SUPPORT", "1700000200.1", "1700000000.101");
    private static final SlackFormatter TOKEN = new SlackFormatter(destination(true));
    private static final SlackFormatter WEBHOOK = new SlackFormatter(destination(false));

    private static SlackConfig destination(boolean token) {
        return new SlackConfig("support-slack",
                token ? Optional.empty() : Optional.of(new Secret("https://hooks.slack.com/services/T0/B0/SECRET")),
                token ? Optional.of(new Secret("xoxb-token")) : Optional.empty(),
                token ? Optional.of("C0SUPPORT") : Optional.empty(), URI.create("https://slack.com/api"),
                new DestinationOptions(Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.of(new Secret("signing")));
    }

    private static Envelope envelope(Optional<String> thread) {
        Envelope plain = FormatterFixtures.envelope(Fixtures.bytes("live-chat-escalation"));
        return new Envelope(plain.raw(), plain.event(), "7", Optional.empty(), thread, FormatterFixtures.AT);
    }

    private static JsonNode body(OutboundRequest request) throws Exception {
        return JSON.readTree(request.body());
    }

    @Test
    void aDeliveredReplyGetsATickAndADeadOneAWarningOnTheAgentsMessage() throws Exception {
        OutboundRequest tick = TOKEN.formatNotice(envelope(Optional.empty()), "{\"ack\":" + ACK
                + ",\"reaction\":\"delivered\"}").orElseThrow();
        OutboundRequest warning = TOKEN.formatNotice(envelope(Optional.empty()), "{\"ack\":" + ACK
                + ",\"reaction\":\"failed\"}").orElseThrow();

        assertThat(tick.url()).isEqualTo(URI.create("https://slack.com/api/reactions.add"));
        assertThat(tick.headers()).containsEntry("Authorization", "Bearer xoxb-token");
        assertThat(body(tick).toString())
                .isEqualTo("{\"channel\":\"C0SUPPORT\",\"timestamp\":\"1700000200.1\",\"name\":\"white_check_mark\"}");
        assertThat(body(warning).path("name").asText()).isEqualTo("warning");
    }

    @Test
    void chatDatasReasonIsPostedInTheAgentsThreadAsText() throws Exception {
        OutboundRequest say = TOKEN.formatNotice(envelope(Optional.empty()), "{\"ack\":" + ACK
                + ",\"say\":\"⚠️ Not sent to the visitor: <!channel> & *no* such conversation\"}").orElseThrow();

        assertThat(say.url()).isEqualTo(URI.create("https://slack.com/api/chat.postMessage"));
        JsonNode message = body(say);
        assertThat(message.path("channel").asText()).isEqualTo("C0SUPPORT");
        assertThat(message.path("thread_ts").asText()).isEqualTo("1700000000.101");
        assertThat(message.path("text").asText()).startsWith("⚠️ Not sent to the visitor: &lt;!channel&gt; &amp; ");
        assertThat(SlackRules.violations(message)).isEmpty();
    }

    @Test
    void theLineAfterAClaimGoesInTheConversationsThreadAndNowhereWithoutOne() throws Exception {
        String target = SlackThreadNotices.lineTarget("//");

        OutboundRequest line = TOKEN.formatNotice(envelope(Optional.of("1700000000.101")), target).orElseThrow();

        assertThat(body(line).path("thread_ts").asText()).isEqualTo("1700000000.101");
        assertThat(body(line).path("text").asText())
                .isEqualTo("Replies here go to the visitor. Start with // to keep a note internal.");
        assertThat(TOKEN.formatNotice(envelope(Optional.empty()), target)).isEmpty();
        assertThat(WEBHOOK.formatNotice(envelope(Optional.of("1700000000.101")), target)).isEmpty();
        assertThat(SlackThreadNotices.line("")).isEqualTo("Replies here go to the visitor.");
    }

    @Test
    void aReactionAlreadyThereIsNotAFailure() {
        OutboundRequest tick = TOKEN.formatNotice(envelope(Optional.empty()), "{\"ack\":" + ACK
                + ",\"reaction\":\"delivered\"}").orElseThrow();
        OutboundRequest post = TOKEN.formatNotice(envelope(Optional.empty()), "{\"ack\":" + ACK
                + ",\"say\":\"x\"}").orElseThrow();
        Answer already = Answer.json(200, "{\"ok\":false,\"error\":\"already_reacted\"}");
        SlackPlatform platform = new SlackPlatform();

        assertThat(platform.classify(tick, already, Instant.EPOCH)).isInstanceOf(Outcome.Delivered.class);
        assertThat(platform.classify(post, already, Instant.EPOCH)).isInstanceOf(Outcome.Dead.class);
    }
}
