package io.chatrelay.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Escalations that people take: who took one (the first claim wins, on every replica), the presses
 * that claim them, and what their messages need to be brought up to date. A press is stored,
 * together with the deliveries it causes, before it is answered: acknowledged means never lost.
 */
public interface Claims {

    /** Who took an escalation, through which destination, and when. */
    record Claim(String byId, String byName, String via, Instant at) {}

    /** The platform's own id of an inbound request ({@code source} e.g. {@code slack}, {@code telegram:on-call}). */
    record Inbound(String source, String id) {}

    /**
     * A delivery a press causes on {@code destination}: {@code target} is what it is about, written by
     * the platform that reads it back (it may hold a {@code response_url}: never shown).
     */
    record Queued(String destination, String target) {}

    /**
     * One person's press of a take button or of the claim page's. {@code inbound} is the request's
     * own id: a resent request is acted on once. {@code notice} answers this press whatever came of
     * it; {@code ownEdit} is an edit only this press can make (a Slack webhook message, through the
     * press's {@code response_url}), queued if it won, as are {@code whenTaken}'s notices.
     */
    record Press(String eventId, String byId, String byName, String via, Instant at, Optional<Inbound> inbound,
                 Optional<Queued> notice, Optional<Queued> ownEdit, List<Queued> whenTaken) {

        public Press(String eventId, String byId, String byName, String via, Instant at, Optional<Inbound> inbound,
                     Optional<Queued> notice, Optional<Queued> ownEdit) {
            this(eventId, byId, byName, via, at, inbound, notice, ownEdit, List.of());
        }

        public Press {
            whenTaken = List.copyOf(whenTaken);
        }

        /** The same press, queueing {@code queued} too if it takes the escalation (the line saying how replies work). */
        public Press whenTaken(List<Queued> queued) {
            return new Press(eventId, byId, byName, via, at, inbound, notice, ownEdit, queued);
        }
    }

    /** What came of a press. */
    enum Result {
        /** This press took the escalation. */
        TOOK,
        /** The same person had taken it already: not an error. */
        ALREADY_YOURS,
        /** Someone else took it first. */
        TAKEN_BEFORE,
        /** The event is not an escalation: nothing changed. */
        NOT_AN_ESCALATION,
        /** No such event (pruned, or never accepted): nothing changed. */
        UNKNOWN_EVENT,
        /** The same request came again: acted on the first time only. */
        RESENT
    }

    /** A press's result, the escalation's claim after it (if any), and when the escalation was accepted. */
    record Taken(Result result, Optional<Claim> claim, Optional<Instant> acceptedAt) {}

    /**
     * In one transaction: records the press's inbound id (a resent one changes nothing), claims the
     * event if it is an escalation nobody took (one atomic statement: the first claim wins), and if
     * this press won queues an edit of every message of the escalation that can still be brought up
     * to date, and its {@code ownEdit}; its {@code notice} in any case.
     */
    Taken take(Press press);

    /** Who took the escalation, if anybody did. */
    Optional<Claim> claimOf(String eventId);

    /**
     * When the visitor of the conversation went offline after {@code since}, if their latest presence
     * event since then says they did.
     */
    Optional<Instant> visitorLeft(String conversationId, Instant since);

    /** The platform's reference of the message a delivery posted, if it kept one. */
    Optional<String> posted(long deliveryId);

    /** Whether the delivery is an escalation's follow-up (an edit of it keeps saying so). */
    boolean isFollowUp(long deliveryId);

    /**
     * Records an inbound request's id in its own durable transaction; false when it was recorded
     * before (the platform resent it). For requests that are not presses (they use {@link Press#inbound}).
     */
    boolean firstTime(Inbound inbound, Instant at);

    /**
     * Records that the escalation's first reply reached the visitor at {@code at}; true only the
     * first time (the figure a support lead watches is counted once per escalation).
     */
    boolean firstReply(String eventId, Instant at);

    /** The key that signs claim links: made once, then the same on every replica and after restarts. */
    byte[] linkKey();
}
