package io.chatrelay.store;

import static io.chatrelay.store.StoreKit.claimDue;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.StoreConfig;
import io.chatrelay.event.RawEvent;
import io.chatrelay.route.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Escalations that people take, whatever database the store runs on: the first claim wins, a
 * resent press is acted on once, a claim or the visitor leaving queues an edit of each message in
 * its conversation's order, and a follow-up waits for its time without holding the conversation back.
 */
abstract class ClaimsContract {

    static final Instant T0 = Instant.parse("2026-12-07T14:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration AFTER = Duration.ofMinutes(5);

    Store store;
    Outbox outbox;
    Claims claims;

    /** The URL of a fresh, empty database. */
    abstract String freshUrl();

    @BeforeEach
    void openStore() {
        store = Store.open(new StoreConfig(freshUrl(), StoreConfig.DEFAULT_RETENTION));
        outbox = store.outbox();
        claims = store.claims();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static RawEvent event(String id, String type, String conversation, Instant at) {
        return new RawEvent(id, type, conversation, ("{\"event\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8),
                at);
    }

    /** An escalation of conversation c1 posted to slack and queued as a follow-up to mail. */
    void escalation(String id) {
        outbox.enqueue(event(id, "live-chat-escalation", "c1", T0), List.of(new Target("slack", "escalations"),
                Target.followUp("mail", "escalations", AFTER)));
    }

    static Claims.Press press(String eventId, String who, Optional<Claims.Inbound> inbound, Instant at) {
        return new Claims.Press(eventId, who, who.toUpperCase(), "slack", at, inbound,
                Optional.of(new Claims.Queued("slack", "{\"user\":\"" + who + "\"}")), Optional.empty());
    }

    /** Posts every due slack delivery, keeping a message reference for each. */
    void postSlack(Instant now) {
        for (Delivery delivery : claimDue(outbox, "slack", now, 10, LEASE)) {
            assertThat(outbox.delivered(delivery, new Attempt(now, 200, "delivered", Duration.ZERO, null),
                    Optional.of("{\"ts\":\"" + delivery.id() + "\"}"), Deadline.in(LEASE, java.time.Clock.systemUTC())))
                    .isTrue();
        }
    }

    @Test
    void theFirstClaimWinsAndTheSamePersonPressingAgainIsNoError() {
        escalation("e1");

        Claims.Taken ana = claims.take(press("e1", "ana", Optional.empty(), T0.plusSeconds(60)));
        Claims.Taken ben = claims.take(press("e1", "ben", Optional.empty(), T0.plusSeconds(61)));
        Claims.Taken anaAgain = claims.take(press("e1", "ana", Optional.empty(), T0.plusSeconds(62)));

        assertThat(ana.result()).isEqualTo(Claims.Result.TOOK);
        assertThat(ana.acceptedAt()).contains(T0);
        assertThat(ben.result()).isEqualTo(Claims.Result.TAKEN_BEFORE);
        assertThat(anaAgain.result()).isEqualTo(Claims.Result.ALREADY_YOURS);
        assertThat(claims.claimOf("e1")).contains(new Claims.Claim("ana", "ANA", "slack", T0.plusSeconds(60)));
    }

    @Test
    void aClaimQueuesOneEditOfEachPostedMessageBehindItAndANoticePerPress() {
        escalation("e1");
        postSlack(T0);

        claims.take(press("e1", "ana", Optional.empty(), T0.plusSeconds(60)));
        claims.take(press("e1", "ben", Optional.empty(), T0.plusSeconds(61)));

        List<Delivery> due = claimDue(outbox, "slack", T0.plusSeconds(61), 10, LEASE);
        assertThat(due).extracting(Delivery::kind)
                .containsExactlyInAnyOrder(DeliveryKind.EDIT, DeliveryKind.NOTICE, DeliveryKind.NOTICE);
        Delivery edit = due.stream().filter(d -> d.kind() == DeliveryKind.EDIT).findFirst().orElseThrow();
        assertThat(claims.posted(Long.parseLong(edit.target().orElseThrow()))).hasValueSatisfying(posted ->
                assertThat(posted).startsWith("{\"ts\":"));
    }

    @Test
    void anEditWaitsBehindTheMessageItEditsWhileThatIsStillOnItsWay() {
        escalation("e1");

        claims.take(press("e1", "ana", Optional.empty(), T0.plusSeconds(1)));

        assertThat(claimDue(outbox, "slack", T0.plusSeconds(1), 10, LEASE)).extracting(Delivery::kind)
                .as("the post first; its edit only after it (the notice has no order)")
                .containsExactlyInAnyOrder(DeliveryKind.EVENT, DeliveryKind.NOTICE);
    }

    @Test
    void aResentPressIsActedOnOnce() {
        escalation("e1");
        Optional<Claims.Inbound> trigger = Optional.of(new Claims.Inbound("slack", "trigger-1"));

        assertThat(claims.take(press("e1", "ana", trigger, T0.plusSeconds(60))).result()).isEqualTo(Claims.Result.TOOK);
        assertThat(claims.take(press("e1", "ana", trigger, T0.plusSeconds(63))).result())
                .isEqualTo(Claims.Result.RESENT);

        assertThat(claimDue(outbox, "slack", T0.plusSeconds(63), 10, LEASE)).filteredOn(d -> d.kind()
                == DeliveryKind.NOTICE).hasSize(1);
        assertThat(claims.firstTime(new Claims.Inbound("telegram:t", "42"), T0)).isTrue();
        assertThat(claims.firstTime(new Claims.Inbound("telegram:t", "42"), T0)).isFalse();
    }

    @Test
    void onlyAnEscalationCanBeTaken() {
        outbox.enqueue(event("c1", "chat", "c1", T0), List.of(new Target("slack", "all")));

        assertThat(claims.take(press("c1", "ana", Optional.empty(), T0)).result())
                .isEqualTo(Claims.Result.NOT_AN_ESCALATION);
        assertThat(claims.take(press("nope", "ana", Optional.empty(), T0)).result())
                .isEqualTo(Claims.Result.UNKNOWN_EVENT);
        assertThat(claims.claimOf("c1")).isEmpty();
    }

    @Test
    void aFollowUpIsDueAfterItsDelayAndHoldsNoMessageOfTheConversationBack() {
        escalation("e1");
        outbox.enqueue(event("m2", "chat", "c1", T0.plusSeconds(1)), List.of(new Target("mail", "all")));

        List<Delivery> now = claimDue(outbox, "mail", T0.plusSeconds(1), 10, LEASE);
        assertThat(now).extracting(d -> d.event().id()).containsExactly("m2");
        outbox.delivered(now.get(0), new Attempt(T0.plusSeconds(1), 200, "delivered", Duration.ZERO, null),
                Deadline.in(LEASE, java.time.Clock.systemUTC()));
        assertThat(claimDue(outbox, "mail", T0.plus(AFTER).minusMillis(1), 10, LEASE)).isEmpty();
        assertThat(claimDue(outbox, "mail", T0.plus(AFTER), 10, LEASE)).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(DeliveryKind.FOLLOW_UP));
    }

    @Test
    void theVisitorLeavingQueuesAnEditOfTheirEscalationsMessagesAndIsKnownAfterwards() {
        escalation("e1");
        postSlack(T0);
        assertThat(claims.visitorLeft("c1", T0)).isEmpty();

        outbox.enqueue(event("off", "user-offline", "c1", T0.plusSeconds(90)), List.of());

        assertThat(claims.visitorLeft("c1", T0)).contains(T0.plusSeconds(90));
        assertThat(claimDue(outbox, "slack", T0.plusSeconds(90), 10, LEASE)).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(DeliveryKind.EDIT));

        outbox.enqueue(event("on", "user-online", "c1", T0.plusSeconds(120)), List.of());
        assertThat(claims.visitorLeft("c1", T0)).as("back again").isEmpty();
    }

    @Test
    void aSkippedDeliveryIsSettledWithItsReason() {
        escalation("e1");
        Delivery followUp = claimDue(outbox, "mail", T0.plus(AFTER), 10, LEASE).get(0);

        assertThat(outbox.skipped(followUp, new Attempt(T0.plus(AFTER), 0, "taken by ANA", Duration.ZERO, null),
                Deadline.in(LEASE, java.time.Clock.systemUTC()))).isTrue();

        assertThat(store.history().delivery(Long.parseLong(followUp.id()))).hasValueSatisfying(view -> {
            assertThat(view.status()).isEqualTo(DeliveryStatus.SKIPPED);
            assertThat(view.lastReason()).isEqualTo("taken by ANA");
        });
    }

    @Test
    void everyReplicaSignsClaimLinksWithTheSameKey() {
        assertThat(claims.linkKey()).hasSize(32).isEqualTo(claims.linkKey());
    }
}
