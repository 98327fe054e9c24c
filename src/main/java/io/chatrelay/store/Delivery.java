package io.chatrelay.store;

import io.chatrelay.event.RawEvent;
import java.util.Optional;

/**
 * One event on its way to one destination; {@code attempts} counts the sends made so far.
 * {@code claim} is the token of the claim that handed it out: every later write about this
 * delivery (its outcome, giving it back) is applied only while that claim is still the row's latest.
 * A digest's delivery has its {@code digestId} (0 for any other): its {@code event} is the first
 * of the period, and {@link Outbox#digest} reads them all. {@code kind} says what it sends (the
 * event, a follow-up, an edit, a notice); {@code target} is what an edit or notice is about, as
 * its platform wrote it: it may hold a secret, so {@link #toString()} never shows it. An edit of a
 * message the relay posted names that message's delivery instead ({@code afterId}, 0 for none): it
 * waits for it while it is on its way, then edits what it posted.
 */
public record Delivery(String id, RawEvent event, String destination, String route, int attempts, long claim,
                       long digestId, DeliveryKind kind, Optional<String> target, long afterId) {

    public Delivery(String id, RawEvent event, String destination, String route, int attempts, long claim) {
        this(id, event, destination, route, attempts, claim, 0);
    }

    public Delivery(String id, RawEvent event, String destination, String route, int attempts, long claim,
                    long digestId) {
        this(id, event, destination, route, attempts, claim, digestId, DeliveryKind.EVENT, Optional.empty(), 0);
    }

    @Override
    public String toString() {
        return "Delivery[id=" + id + ", event=" + event.id() + ", destination=" + destination + ", kind=" + kind
                + ", attempts=" + attempts + ", claim=" + claim + "]";
    }

    /** True for a digest's delivery: one message for the events of a period. */
    public boolean isDigest() {
        return digestId != 0;
    }
}
