package io.chatrelay.store;

import io.chatrelay.event.RawEvent;

/**
 * One event on its way to one destination; {@code attempts} counts the sends made so far.
 * {@code claim} is the token of the claim that handed it out: every later write about this
 * delivery (its outcome, giving it back) is applied only while that claim is still the row's latest.
 */
public record Delivery(String id, RawEvent event, String destination, String route, int attempts, long claim) {}
