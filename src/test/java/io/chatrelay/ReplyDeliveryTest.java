package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.StoreConfig;
import io.chatrelay.ingest.AgentReplies;
import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.platform.Platforms;
import io.chatrelay.platform.chatdata.ChatDataStandIn;
import io.chatrelay.store.Claims;
import io.chatrelay.store.DeliveryFilter;
import io.chatrelay.store.DeliveryKind;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.Replies;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.Postgres;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An agent's reply, once a platform heard it, on its way into the visitor's conversation: delivered
 * to Chat Data's API once, in order, through its failures; dead on Chat Data's own error; and what
 * the agent is told queued with each outcome. The reply is heard on a replica sharing PostgreSQL.
 */
class ReplyDeliveryTest {

    private static final String KEY = "sk-test-key";
    private final ManualClock clock = new ManualClock();

    private RelayConfig config(String storeUrl, Sink support, ChatDataStandIn chatData) throws Exception {
        return Platforms.loader(Map.of()).parse("""
                server: {port: 0}
                store: {url: "%s"}
                chat_data: {signing_secrets: ["%s"], api_key: "%s", api_base_url: "%s"}
                delivery: {max_attempts: 3, backoff: {initial: 1s, max: 1s}}
                admin: {token: admin-token}
                destinations:
                  support: {type: webhook, url: "%s"}
                routes:
                  - {name: escalations, match: {event: live-chat-escalation}, to: [support]}
                """.formatted(storeUrl, RelayUnderTest.SECRET, KEY, chatData.baseUrl(), support.url("/support")));
    }

    private static AgentReplies.Heard heard(Replies.Escalation escalation, String id, String text, java.time.Instant at) {
        return new AgentReplies.Heard(new Claims.Inbound("slack", id), escalation, "support", "U1", "Ana",
                Optional.empty(), text, "{\"channel\":\"C1\",\"ts\":\"" + id + "\"}", at, true, List.of());
    }

    @Test
    void aReplyReachesChatDataOnceInOrderThroughFailuresAndTheAgentIsToldOfEachOutcome() throws Exception {
        String url = Postgres.freshDatabase();
        try (Sink support = Sink.ok(); ChatDataStandIn chatData = ChatDataStandIn.start(KEY).withChatbot("654aee418bc9a33b0e50d0ad", "Support bot");
             Relay relay = Relay.start(config(url, support, chatData), clock);
             Store replica = Store.open(new StoreConfig(url, StoreConfig.DEFAULT_RETENTION))) {
            assertThat(Http.postSigned(relay.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"))
                    .status()).isEqualTo(200);
            support.take();
            String escalationId = replica.history().find(DeliveryFilter.newest(1)).get(0).eventId();
            Replies.Escalation escalation = new Replies.Escalation(escalationId, "dbf24043-83a6-47fb-b241-9865de3877c9",
                    Fixtures.bytes("live-chat-escalation"), clock.instant());
            AgentReplies replies = new AgentReplies(replica.replies(), new RelayMetrics(), () -> { }, clock);
            chatData.failNext(2, 503);

            replies.accept(heard(escalation, "m1", "Hello, **I am** here", clock.instant()));
            replies.accept(heard(escalation, "m2", "Let me check your order", clock.instant()));
            replies.accept(heard(escalation, "m1", "Hello, **I am** here", clock.instant())); // resent
            for (int round = 0; round < 8 && chatData.messages().size() < 2; round++) {
                int calls = chatData.calls().size();
                clock.advance(Duration.ofSeconds(2)); // the relay looks for what a replica stored; past any backoff
                Eventually.holds("an attempt", () -> chatData.calls().size() > calls || chatData.messages().size() == 2);
            }

            Eventually.holds("both replies delivered", () -> chatData.messages().size() == 2);
            assertThat(chatData.messages()).extracting(m -> m.path("message").asText())
                    .containsExactly("Hello, **I am** here", "Let me check your order");
            assertThat(chatData.messages().get(0).path("name").asText()).isEqualTo("Ana");
            assertThat(chatData.messages().get(0).path("role").asText()).isEqualTo("human");
            assertThat(chatData.messages().get(0).path("chatbotId").asText()).isEqualTo("654aee418bc9a33b0e50d0ad");
            Eventually.holds("a tick queued for each", () -> replica.history().find(DeliveryFilter.newest(20)
                    .withDestination("support")).stream().filter(v -> v.kind() == DeliveryKind.NOTICE).count() == 2);
            assertThat(replica.claims().claimOf(escalationId)).hasValueSatisfying(c ->
                    assertThat(c.byName()).as("the first reply took it").isEqualTo("Ana"));
            Eventually.holds("counted", () -> Http.get(relay.port(), "/metrics").body()
                    .contains("chatrelay_replies_total{outcome=\"delivered\"} 2.0"));
            assertThat(Http.get(relay.port(), "/metrics").body()).contains("chatrelay_first_reply_seconds_count 1");

            chatData.answerErrorNext("Conversation not found");
            replies.accept(heard(escalation, "m3", "Are you there?", clock.instant()));
            clock.advance(Duration.ofSeconds(2));
            Eventually.holds("dead at once", () -> replica.history().find(DeliveryFilter.newest(1)
                    .withDestination("chat-data").withStatus(DeliveryStatus.DEAD)).size() == 1);
            assertThat(replica.history().find(DeliveryFilter.newest(1).withDestination("chat-data")
                    .withStatus(DeliveryStatus.DEAD)).get(0).lastReason()).contains("Conversation not found");
            Eventually.holds("a warning and the reason queued", () -> replica.history().find(DeliveryFilter.newest(20)
                    .withDestination("support")).stream().filter(v -> v.kind() == DeliveryKind.NOTICE).count() == 4);
        }
    }
}
