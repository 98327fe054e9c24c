package io.chatrelay.platform;

/** Renders an event for one destination. Pure: no I/O, no clock, same input gives the same request. */
public interface Formatter {

    OutboundRequest format(Envelope envelope);

    /**
     * Whether this destination keeps each conversation in a thread of its own. Only then does the
     * sender look up the thread remembered for a conversation and pass it in the {@link Envelope}.
     */
    default boolean threadsConversations() {
        return false;
    }
}
