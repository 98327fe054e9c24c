package io.chatrelay.format;

/** Renders an event for one destination. Pure: no I/O, no clock, same input gives the same request. */
public interface Formatter {

    OutboundRequest format(Envelope envelope);
}
