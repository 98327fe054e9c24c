package io.chatrelay.store;

import io.chatrelay.event.RawEvent;

/** One event on its way to one destination; {@code attempts} counts the sends made so far. */
public record Delivery(String id, RawEvent event, String destination, String route, int attempts) {}
