package io.chatrelay.deliver;

import static io.chatrelay.store.StoreKit.claimDue;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import io.chatrelay.store.Delivery;
import io.chatrelay.store.Outbox;
import io.chatrelay.store.Store;
import io.chatrelay.testkit.RelayUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deliveries claimed in a batch start only while their lease still covers a whole send. */
class ClaimedTest {

    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Store store;
    private Outbox outbox;
    private Claimed claimed;
    private Duration lease;

    @BeforeEach
    void open() throws Exception {
        RelayConfig config = RelayUnderTest.config(dir, """
                destinations:
                  crm: {type: webhook, url: "http://127.0.0.1:9/crm", timeout: 10s}
                routes: []
                """);
        lease = config.lease("crm");
        store = Store.open(config.store());
        outbox = store.outbox();
        claimed = new Claimed(outbox);
        for (String id : List.of("e1", "e2")) {
            outbox.enqueue(new RawEvent(id, "chat", "conversation-" + id, RelayUnderTest.chat(id, id), T0),
                    List.of(new Target("crm", "all")));
        }
        claimed.add("crm", claimDue(outbox, "crm", T0, 10, lease), T0.plus(lease));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void startsWhatWasClaimedWithinItsDestinationsTimeout() {
        assertThat(claimed.next("crm", T0.plus(TIMEOUT), TIMEOUT)).isNotNull();
        assertThat(claimed.next("crm", T0.plus(TIMEOUT), TIMEOUT)).isNotNull();
        assertThat(claimed.isEmpty("crm")).isTrue();
        assertThat(claimDue(outbox, "crm", T0.plus(TIMEOUT), 10, lease)).as("still leased to this process").isEmpty();
    }

    @Test
    void givesBackWhatWaitedLongerThanItsDestinationsTimeout() {
        Instant late = T0.plus(TIMEOUT).plusMillis(1);

        assertThat(claimed.next("crm", late, TIMEOUT)).isNull();

        List<Delivery> again = claimDue(outbox, "crm", late, 10, lease);
        assertThat(again).as("claimable again at once, not after the lease").hasSize(2);
    }

    @Test
    void givesBackWhatWasClaimedBeforeAReloadLengthenedItsDestinationsTimeout() {
        Duration reloaded = TIMEOUT.multipliedBy(3);

        assertThat(claimed.next("crm", T0, reloaded)).as("a 30 s send would outlast a 25 s lease").isNull();

        assertThat(claimDue(outbox, "crm", T0, 10, reloaded.multipliedBy(2))).as("claimable again with a longer lease")
                .hasSize(2);
    }

    @Test
    void givesBackWhatWasClaimedForADestinationThatAReloadRemoved() {
        claimed.releaseAllBut(List.of("support"));

        assertThat(claimed.isEmpty("crm")).isTrue();
        assertThat(claimDue(outbox, "crm", T0, 10, lease)).hasSize(2);
    }
}
