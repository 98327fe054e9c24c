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
        assertThat(claims.posted(edit.afterId())).hasValueSatisfying(posted ->
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
    void anEditHoldsNoLaterMessageOfTheConversationBack() {
        escalation("e1");
        postSlack(T0);
        claims.take(press("e1", "ana", Optional.empty(), T0.plusSeconds(60)));
        outbox.enqueue(event("m2", "chat", "c1", T0.plusSeconds(61)), List.of(new Target("slack", "all")));

        assertThat(claimDue(outbox, "slack", T0.plusSeconds(61), 10, LEASE)).extracting(Delivery::kind)
                .as("an edit retrying with backoff must not keep the visitor's next message waiting")
                .containsExactlyInAnyOrder(DeliveryKind.EDIT, DeliveryKind.NOTICE, DeliveryKind.EVENT);
    }

    @Test
    void aVisitorLeavingReachesOnlyTheLastDaysEscalations() {
        escalation("old");
        postSlack(T0);
        outbox.enqueue(event("off", "user-offline", "c1", T0.plus(Duration.ofHours(25))), List.of());

        assertThat(claimDue(outbox, "slack", T0.plus(Duration.ofHours(25)), 10, LEASE)).isEmpty();
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
        List<Delivery> left = claimDue(outbox, "slack", T0.plusSeconds(90), 10, LEASE);
        assertThat(left).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(DeliveryKind.EDIT));
        outbox.delivered(left.get(0), new Attempt(T0.plusSeconds(90), 200, "delivered", Duration.ZERO, null),
                Deadline.in(LEASE, java.time.Clock.systemUTC()));
        outbox.enqueue(event("on", "user-online", "c1", T0.plusSeconds(120)), List.of());
        assertThat(claims.visitorLeft("c1", T0)).as("back again").isEmpty();
        List<Delivery> back = claimDue(outbox, "slack", T0.plusSeconds(120), 10, LEASE);
        assertThat(back).as("'Visitor left' goes again").singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(DeliveryKind.EDIT));
        outbox.delivered(back.get(0), new Attempt(T0.plusSeconds(120), 200, "delivered", Duration.ZERO, null),
                Deadline.in(LEASE, java.time.Clock.systemUTC()));

        outbox.enqueue(event("on2", "user-online", "c1", T0.plusSeconds(150)), List.of());
        assertThat(claimDue(outbox, "slack", T0.plusSeconds(150), 10, LEASE)).as("online already: nothing to change")
                .isEmpty();
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

    static RawEvent replyPart(String id, String text, Instant at) {
        return event(id, "agent-reply", "c1", at);
    }

    Replies.Reply reply(String inbound, String who, boolean claimerOnly, Instant at, RawEvent... parts) {
        Replies.Escalation escalation = store.replies().escalationInThread("slack", "1700.0001").orElseThrow();
        return new Replies.Reply(new Claims.Inbound("slack", inbound), escalation, who, who.toUpperCase(), "slack", at,
                claimerOnly, List.of(parts), List.of(new Claims.Queued("slack", "{\"line\":true}")));
    }

    @Test
    void aThreadReplyFindsItsEscalationTakesItAndGoesToChatDataInOrder() {
        escalation("e1");
        outbox.shared().saveThreadId("slack", "c1", "1700.0001", T0);

        Replies.Stored first = store.replies().accept(reply("ev1", "ana", true, T0.plusSeconds(5),
                replyPart("r1", "hello", T0.plusSeconds(5)), replyPart("r2", "more", T0.plusSeconds(5))));
        Replies.Stored second = store.replies().accept(reply("ev2", "ana", true, T0.plusSeconds(6),
                replyPart("r3", "again", T0.plusSeconds(6))));

        assertThat(first.result()).isEqualTo(Replies.Result.STORED);
        assertThat(first.took()).as("the first reply takes an escalation nobody took").isTrue();
        assertThat(second.took()).isFalse();
        assertThat(claims.claimOf("e1")).hasValueSatisfying(c -> assertThat(c.byId()).isEqualTo("ana"));
        List<String> sent = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<Delivery> due = claimDue(outbox, Replies.CHAT_DATA, T0.plusSeconds(7), 10, LEASE);
            assertThat(due).as("one at a time: the conversation's order").hasSize(1);
            sent.add(due.get(0).event().id());
            outbox.delivered(due.get(0), new Attempt(T0.plusSeconds(7), 200, "delivered", Duration.ZERO, null),
                    Deadline.in(LEASE, java.time.Clock.systemUTC()));
        }
        assertThat(sent).containsExactly("r1", "r2", "r3");
        assertThat(claimDue(outbox, "slack", T0.plusSeconds(7), 10, LEASE)).extracting(Delivery::kind)
                .as("the post, then its edit; the line a claim by reply queues").contains(DeliveryKind.EVENT,
                        DeliveryKind.NOTICE);
    }

    @Test
    void aReplyFromSomeoneElseThanTheClaimerIsNotSentAndAResentOneIsStoredOnce() {
        escalation("e1");
        outbox.shared().saveThreadId("slack", "c1", "1700.0001", T0);
        claims.take(press("e1", "ana", Optional.empty(), T0.plusSeconds(1)));

        assertThat(store.replies().accept(reply("ev1", "ben", true, T0.plusSeconds(2),
                replyPart("r1", "hi", T0.plusSeconds(2)))).result()).isEqualTo(Replies.Result.NOT_YOURS);
        assertThat(store.replies().accept(reply("ev2", "ben", false, T0.plusSeconds(3),
                replyPart("r2", "hi", T0.plusSeconds(3)))).result()).as("replies: anyone").isEqualTo(Replies.Result.STORED);
        assertThat(store.replies().accept(reply("ev2", "ben", false, T0.plusSeconds(4),
                replyPart("r3", "hi", T0.plusSeconds(4)))).result()).isEqualTo(Replies.Result.RESENT);

        assertThat(claimDue(outbox, Replies.CHAT_DATA, T0.plusSeconds(5), 10, LEASE)).extracting(d -> d.event().id())
                .containsExactly("r2");
    }

    @Test
    void aMessageFindsItsEscalationByTheReferenceItWasPostedWith() {
        escalation("e1");
        postSlack(T0);
        Delivery post = store.history().find(DeliveryFilter.newest(10).withDestination("slack")).stream()
                .filter(v -> v.status() == DeliveryStatus.DELIVERED).findFirst()
                .map(v -> new Delivery(Long.toString(v.id()), null, "slack", "r", 0, 0)).orElseThrow();

        assertThat(store.replies().escalationOfMessage("slack", "{\"ts\":\"" + post.id() + "\"}"))
                .hasValueSatisfying(e -> assertThat(e.eventId()).isEqualTo("e1"));
        assertThat(store.replies().escalationOfMessage("slack", "{\"ts\":\"nope\"}")).isEmpty();
        assertThat(store.replies().escalationInThread("slack", "nope")).isEmpty();
    }

    @Test
    void anOutcomeQueuesItsNoticesOnlyWhileItsClaimHolds() {
        outbox.enqueue(event("r1", "agent-reply", "c1", T0), List.of(new Target(Replies.CHAT_DATA, "replies")));
        Delivery first = claimDue(outbox, Replies.CHAT_DATA, T0, 10, LEASE).get(0);
        Delivery again = claimDue(outbox, Replies.CHAT_DATA, T0.plus(LEASE).plusSeconds(1), 10, LEASE).get(0);
        Attempt attempt = new Attempt(T0, 200, "delivered", Duration.ZERO, null);
        List<Claims.Queued> tick = List.of(new Claims.Queued("slack", "{\"reaction\":\"white_check_mark\"}"));

        assertThat(outbox.delivered(first, attempt, Optional.empty(), tick,
                Deadline.in(LEASE, java.time.Clock.systemUTC()))).as("its lease ran out").isFalse();
        assertThat(claimDue(outbox, "slack", T0.plusSeconds(40), 10, LEASE)).isEmpty();
        assertThat(outbox.delivered(again, attempt, Optional.empty(), tick,
                Deadline.in(LEASE, java.time.Clock.systemUTC()))).isTrue();
        assertThat(claimDue(outbox, "slack", T0.plusSeconds(40), 10, LEASE)).singleElement()
                .satisfies(d -> assertThat(d.target()).contains("{\"reaction\":\"white_check_mark\"}"));
    }
}
