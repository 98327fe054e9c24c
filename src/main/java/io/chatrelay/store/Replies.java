package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Agents' replies from a chat app's thread, on their way into the visitor's conversation: which
 * escalation a thread or a message belongs to, and a reply stored (as events of its own with one
 * delivery each to Chat Data's API) before the platform gets its answer.
 */
public interface Replies {

    /** The destination name of Chat Data's own API, where replies are delivered. */
    String CHAT_DATA = "chat-data";

    /** The escalation a thread or message belongs to: its event, conversation and acceptance. */
    record Escalation(String eventId, String conversationId, byte[] body, Instant acceptedAt) {
        public Escalation {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * An agent's reply: {@code parts} are its events (one per part of a long reply, in order), each
     * delivered to {@link #CHAT_DATA} in the conversation's order. {@code claimerOnly}: only the person
     * who took the escalation may reply, and until somebody has, the first replier takes it.
     * {@code whenTaken} is what a claim made by this reply queues, as a press's notice.
     */
    record Reply(Claims.Inbound inbound, Escalation escalation, String byId, String byName, String via, Instant at,
                 boolean claimerOnly, List<RawEvent> parts, List<Claims.Queued> whenTaken) {
        public Reply {
            parts = List.copyOf(parts);
            whenTaken = List.copyOf(whenTaken);
        }
    }

    /** What became of a reply. */
    enum Result {
        /** Stored, on its way to Chat Data. */
        STORED,
        /** The same request came again: stored the first time only. */
        RESENT,
        /** Someone else took the escalation: the reply is not sent. */
        NOT_YOURS
    }

    /** A reply's result; {@code took}: this reply took the escalation; {@code claim} the claim after it. */
    record Stored(Result result, boolean took, Optional<Claims.Claim> claim) {}

    /** The newest escalation of the conversation whose thread at {@code destination} is {@code threadId}. */
    Optional<Escalation> escalationInThread(String destination, String threadId);

    /** The escalation whose message at {@code destination} has the reference {@code posted}. */
    Optional<Escalation> escalationOfMessage(String destination, String posted);

    /**
     * In one durable transaction: records the inbound id (a resent reply stores nothing), applies
     * {@link Reply#claimerOnly} (taking the escalation if nobody has, with its edits), and stores the
     * reply's events and their deliveries to {@link #CHAT_DATA}.
     */
    Stored accept(Reply reply);
}
