package io.chatrelay.platform;

import io.chatrelay.render.Digest;

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
     * Whether this destination keeps each conversation in a thread of its own. Only then does the
     * sender look up the thread remembered for a conversation and pass it in the {@link Envelope}.
     */
    default boolean threadsConversations() {
        return false;
    }
}
