package io.chatrelay.admin;

import io.chatrelay.store.ActionSource;
import io.chatrelay.store.DeliveryFilter;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.DeliveryView;
import io.chatrelay.store.History;
import io.chatrelay.store.Maintenance;
import java.time.Instant;
import java.util.Optional;

/**
 * An operator's actions on deliveries, as the admin API and the command line offer them: retry now,
 * resend, replay of a filter's dead deliveries. Each is recorded in its event's story with where it
 * came from; one that does nothing says why.
 */
public final class DeliveryActions {

    private final History history;
    private final Maintenance maintenance;

    public DeliveryActions(History history, Maintenance maintenance) {
        this.history = history;
        this.maintenance = maintenance;
    }

    /** What became of an action on one delivery: done, or why not ({@code exists} false: no such delivery). */
    public record Outcome(boolean done, boolean exists, String reason) {
        static final Outcome DONE = new Outcome(true, true, null);
    }

    /** Makes a delivery waiting in backoff due now. */
    public Outcome retryNow(long id, ActionSource source, Instant now) {
        if (maintenance.retryNow(id, source, now)) {
            return Outcome.DONE;
        }
        return why(id, view -> switch (view.status()) {
            case DELIVERED -> "delivery " + id + " is delivered: nothing to retry (resend it to send it again)";
            case DEAD -> "delivery " + id + " is dead: replay it instead";
            case SKIPPED -> "delivery " + id + " was skipped (" + view.lastReason() + "): nothing to retry";
            case PENDING -> view.nextAttemptAt() != null && view.nextAttemptAt().isAfter(now)
                    ? "delivery " + id + " is being sent now"
                    : "delivery " + id + " is due already: it goes as soon as its destination and conversation allow";
        });
    }

    /** Sends a delivered delivery again, with a fresh attempt count. */
    public Outcome resend(long id, ActionSource source, Instant now) {
        if (maintenance.resend(id, source, now)) {
            return Outcome.DONE;
        }
        return why(id, view -> "delivery " + id + " is " + switch (view.status()) {
            case DEAD -> "dead, not delivered: replay it instead";
            case SKIPPED -> "skipped, not delivered: " + view.lastReason();
            default -> "pending, not delivered: it is still being sent";
        });
    }

    /** Replays the dead deliveries the filter lists; returns how many. */
    public int replay(DeliveryFilter filter, ActionSource source, Instant now) {
        return maintenance.replayDead(filter, source, now);
    }

    private Outcome why(long id, java.util.function.Function<DeliveryView, String> reason) {
        Optional<DeliveryView> found = history.delivery(id);
        return found.map(view -> new Outcome(false, true, reason.apply(view)))
                .orElseGet(() -> new Outcome(false, false, "no delivery " + id));
    }
}
