package io.chatrelay.platform;

import io.chatrelay.render.Digest;
import java.util.Optional;

/** Renders an event for one destination. Pure: no I/O, no clock, same input gives the same request. */
public interface Formatter {

    OutboundRequest format(Envelope envelope);

    /**
     * Renders a digest: one message for the events of a period, within this platform's limits.
     * {@code envelope} is the digest's delivery (its event is the period's first; no template, no
     * thread); a plain one asks for the same without markup.
     */
    default OutboundRequest formatDigest(Digest digest, Envelope envelope) {
        throw new UnsupportedOperationException("this destination cannot render digests");
    }

    /**
     * An edit that brings a message this destination posted up to date ({@code envelope}'s
     * {@link EscalationState}: who took it, the visitor left). {@code posted} is the message's
     * reference as {@link Platform#posted} kept it, or a reference this platform's inbound handler
     * queued (a Slack {@code response_url}). Empty when this destination cannot edit its messages.
     */
    default Optional<OutboundRequest> formatEdit(Envelope envelope, String posted) {
        return Optional.empty();
    }

    /**
     * An answer to one person's press of a take button ("Ana took this chat at 14:02", shown only to
     * them); {@code target} is what this platform's inbound handler queued for it. Empty when there
     * is nothing to answer.
     */
    default Optional<OutboundRequest> formatNotice(Envelope envelope, String target) {
        return Optional.empty();
    }

    /**
     * Whether this destination keeps each conversation in a thread of its own. Only then does the
     * sender look up the thread remembered for a conversation and pass it in the {@link Envelope}.
     */
    default boolean threadsConversations() {
        return false;
    }
}
