package io.chatrelay.ingest;

import io.chatrelay.log.LogSafe;
import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.store.Claims;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A press of a take button (Slack, Telegram) or of the claim page: stored with the edits and the
 * notice it causes before it is answered, counted, logged in one line, and the dispatcher woken so
 * that the edits go out within a second. The same for every way in.
 */
public final class Takes {

    private static final Logger LOG = LoggerFactory.getLogger(Takes.class);

    private final Claims claims;
    private final RelayMetrics metrics;
    private final Runnable wake;

    public Takes(Claims claims, RelayMetrics metrics, Runnable wake) {
        this.claims = claims;
        this.metrics = metrics;
        this.wake = wake;
    }

    /** Stores the press and what it causes; throws {@code StoreUnavailableException} when it could not. */
    public Claims.Taken take(Claims.Press press) {
        Claims.Taken taken = claims.take(press);
        switch (taken.result()) {
            case TOOK -> {
                metrics.escalationClaimed(press.via(), Duration.between(taken.acceptedAt().orElse(press.at()),
                        press.at()));
                LOG.info("claimed event={} by={} via={}", press.eventId(), LogSafe.value(press.byId()), press.via());
            }
            case ALREADY_YOURS, TAKEN_BEFORE -> LOG.info("claim of event={} by={} via={}: taken before by={}",
                    press.eventId(), LogSafe.value(press.byId()), press.via(),
                    LogSafe.value(taken.claim().map(Claims.Claim::byId).orElse("?")));
            case NOT_AN_ESCALATION, UNKNOWN_EVENT -> LOG.info("claim of event={} via={} ignored: {}",
                    LogSafe.value(press.eventId()), press.via(), taken.result() == Claims.Result.UNKNOWN_EVENT
                            ? "no such event" : "not an escalation");
            case RESENT -> LOG.debug("claim of event={} via={} resent: acted on once",
                    LogSafe.value(press.eventId()), press.via());
        }
        wake.run();
        return taken;
    }

    /** Who took the escalation, if anybody did. */
    public java.util.Optional<Claims.Claim> claimOf(String eventId) {
        return claims.claimOf(eventId);
    }

    /** The claims store, for what a handler records of its own (inbound ids of requests that are not presses). */
    public Claims claims() {
        return claims;
    }
}
