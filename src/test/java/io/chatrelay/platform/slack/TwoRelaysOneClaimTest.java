package io.chatrelay.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.Relay;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.StoreConfig;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.Postgres;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two people press Take this chat at the same moment, each reaching another replica of the relay
 * (two relays sharing one PostgreSQL): one claim, one edit of the message, and each presser told
 * the same winner.
 */
class TwoRelaysOneClaimTest {

    private static final String SIGNING = "slack-app-signing-secret";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    @Test
    void pressesRacingOnTwoRelaysProduceOneClaimAndOneEdit() throws Exception {
        clock.set("2026-11-24T14:02:10Z");
        try (SlackStandIn slack = new SlackStandIn().user("U0ANA", "Ana").user("U0BEN", "Ben")) {
            RelayConfig config = RelayUnderTest.config(dir, """
                    destinations:
                      support-slack: {type: slack, token: %s, channel: C0SUPPORT, api_base_url: "%s", signing_secret: %s}
                    routes:
                      - {name: escalations, match: {event: live-chat-escalation}, to: [support-slack]}
                    """.formatted(SlackStandIn.TOKEN, slack.apiBase(), SIGNING)).withStore(new StoreConfig(
                    Postgres.freshDatabase(), StoreConfig.DEFAULT_RETENTION, StoreConfig.DEFAULT_UNHEALTHY_AFTER));
            try (Relay a = Relay.start(config, clock); Relay b = Relay.start(config, clock)) {
                assertThat(Http.postSigned(a.port(), RelayUnderTest.SECRET, Fixtures.bytes("live-chat-escalation"))
                        .status()).isEqualTo(200);
                Eventually.holds("the escalation is posted", () -> slack.calls("postMessage").size() == 1);
                String value = slack.calls("postMessage").get(0).body().findParent("action_id").path("value").asText();
                Eventually.holds("its outcome recorded", () -> a.pendingDeliveries() == 0);

                ExecutorService pool = Executors.newFixedThreadPool(2);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Http.Reply>> presses = new ArrayList<>();
                String[][] people = {{"U0ANA", "trigger-ana"}, {"U0BEN", "trigger-ben"}};
                for (int i = 0; i < 2; i++) {
                    Relay relay = i == 0 ? a : b;
                    String[] who = people[i];
                    String responseUrl = slack.responseUrl();
                    presses.add(pool.submit(() -> {
                        start.await();
                        return SlackPresses.post(relay.port(), SIGNING, clock.instant().getEpochSecond(),
                                SlackPresses.form(SlackPresses.payload("claim", value, who[0], who[1], responseUrl)));
                    }));
                }
                start.countDown();
                for (Future<Http.Reply> press : presses) {
                    assertThat(press.get().status()).isEqualTo(200);
                }
                pool.shutdown();

                Eventually.holds("both presses answered", () -> slack.calls("response").size() == 2);
                Eventually.holds("everything sent", () -> a.pendingDeliveries() == 0);
                assertThat(slack.calls("update")).as("one claim, one edit").hasSize(1);
                String update = slack.calls("update").get(0).body().toString();
                String winner = update.contains("Taken by Ana") ? "Ana" : "Ben";
                assertThat(update).contains("Taken by " + winner);
                List<String> told = slack.calls("response").stream().map(c -> c.body().path("text").asText()).toList();
                assertThat(told).containsExactlyInAnyOrder("You took this chat.",
                        winner + " took this chat at 14:02 UTC");
            }
        }
    }
}
