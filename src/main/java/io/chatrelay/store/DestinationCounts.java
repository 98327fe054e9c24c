package io.chatrelay.store;

/** One destination's deliveries: waiting or in flight, dead, and delivered since a given time. */
public record DestinationCounts(String destination, long pending, long dead, long deliveredRecently) {}
