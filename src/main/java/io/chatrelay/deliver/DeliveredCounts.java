package io.chatrelay.deliver;

import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.store.Attempt;
import io.chatrelay.store.Delivery;
import io.chatrelay.store.Outbox;
import io.chatrelay.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a delivered outcome counts, once it is recorded: its outcome and latency, a follow-up, a
 * reply the visitor got (and the escalation's first), a digest and the events it carried. A store
 * that cannot say what a count needs loses only that count.
 */
final class DeliveredCounts {

    private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);

    private final Outbox outbox;
    private final RelayMetrics metrics;

    DeliveredCounts(Outbox outbox, RelayMetrics metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** {@code followUp}: how a follow-up is counted ({@code sent}), else empty. */
    void count(Delivery delivery, Attempt attempt, Optional<String> followUp, Optional<ReplyNotices.Reply> reply) {
        followUp.ifPresent(metrics::followUp);
        reply.ifPresent(r -> replyDelivered(r, attempt));
        metrics.deliveryOutcome(delivery.destination(), "delivered");
        if (delivery.isDigest()) {
            digestCarried(delivery);
        }
        metrics.deliveryLatency(delivery.destination(),
                Duration.between(delivery.event().receivedAt(), attempt.at().plus(attempt.took())));
    }

    private void replyDelivered(ReplyNotices.Reply reply, Attempt attempt) {
        metrics.reply("delivered");
        Instant at = attempt.at().plus(attempt.took());
        try {
            if (outbox.claims().firstReply(reply.escalationId(), at)) {
                metrics.firstReply(Duration.between(reply.escalationAcceptedAt(), at));
            }
        } catch (StoreUnavailableException e) {
            LOG.debug("first reply of event={} not counted: {}", reply.escalationId(), e.getMessage());
        }
    }

    private void digestCarried(Delivery delivery) {
        try {
            metrics.digestDelivered(delivery.destination(), outbox.digest(delivery).events().size());
        } catch (StoreUnavailableException e) {
            metrics.digestDelivered(delivery.destination(), 0);
        }
    }
}
