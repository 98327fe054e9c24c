package io.chatrelay.deliver;

import io.chatrelay.config.Redactor;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.log.LogSafe;
import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.platform.Formatters;
import io.chatrelay.platform.JsonPeek;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.platform.Outcome;
import io.chatrelay.platform.Platform;
import io.chatrelay.render.Templates;
import io.chatrelay.store.Attempt;
import io.chatrelay.store.Claims;
import io.chatrelay.store.DeliveryKind;
import io.chatrelay.store.Delivery;
import io.chatrelay.store.Outbox;
import io.chatrelay.store.StoreUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One send of one delivery: render it, send it, classify the answer, record the outcome in the
 * outbox, tell the rate limiter what the destination said, and log one line, within the
 * destination's line budget ({@link DeliveryLog}).
 */
final class Attempts {

    private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);
    /** How much of an answer an attempt keeps for its story. */
    static final int ANSWER_CHARS = 300;

    private final RelayConfig config;
    private final Formatters formatters;
    private final Templates templates;
    private final Requests requests;
    private final Senders senders;
    private final Outbox outbox;
    private final RateLimiter limiter;
    private final Redactor redactor;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Recording recording;
    private final RelayMetrics metrics;
    private final DeliveryLog lines;
    private final DeliveredCounts counts;

    /** {@code lines}: the budget of the per-delivery lines, kept by the dispatcher across reloads. */
    Attempts(RelayConfig config, Senders senders, Outbox outbox, RateLimiter limiter, Clock clock,
             RelayMetrics metrics, DeliveryLog lines) {
        this.metrics = metrics;
        this.lines = lines;
        this.counts = new DeliveredCounts(outbox, metrics);
        this.config = config;
        this.formatters = Formatters.of(config);
        this.templates = new Templates(config);
        this.requests = new Requests(config, outbox, formatters, templates);
        this.senders = senders;
        this.outbox = outbox;
        this.limiter = limiter;
        this.redactor = Redactor.of(config);
        this.policy = RetryPolicy.of(config.delivery(), () -> ThreadLocalRandom.current().nextDouble());
        this.clock = clock;
        this.recording = new Recording(clock, redactor);
    }

    /**
     * Whatever this delivery throws while it is rendered or sent ends the attempt with a recorded
     * outcome and one log line; only a failing store (no attempt counted) or a dying JVM is left to the
     * claim's lease. {@code sendEnded} runs once nothing more goes to the destination, before the
     * outcome is recorded (not at all if the delivery was given back unsent).
     */
    void run(Delivery delivery, Runnable sendEnded) {
        Instant started = clock.instant();
        if (!config.destinations().containsKey(delivery.destination())) { // removed by a reload meanwhile
            Claimed.giveBack(outbox, delivery);
            return;
        }
        Sent sent = attempt(delivery, started);
        if (sent != null) {
            sendEnded.run();
            settle(delivery, sent, started);
        }
    }

    /**
     * What one send came to: {@code answer} is the start of what the destination said, null if
     * nothing; {@code posted} the reference of the message it posted, kept to edit it later.
     */
    private record Sent(Outcome outcome, Duration took, String note, String answer, Optional<String> posted,
                        Optional<String> followUp) {
        Sent(Outcome outcome, Duration took, String note, String answer) {
            this(outcome, took, note, answer, Optional.empty(), Optional.empty());
        }
    }

    /** Renders and sends the delivery; null if the store failed before anything was sent. */
    private Sent attempt(Delivery delivery, Instant started) {
        Requests.Prepared prepared;
        try {
            prepared = requests.prepare(delivery, started);
        } catch (StoreUnavailableException e) {
            // nothing was sent and no attempt is counted; the claim lapses and the delivery is due again
            LOG.warn("not sent {}: {}; due again within {}", what(delivery), LogSafe.value(redactor.redact(e.getMessage())),
                    human(config.lease(delivery.destination())));
            return null;
        } catch (MalformedEventException | Rendering.CannotRender e) {
            return new Sent(new Outcome.Dead(0, "cannot render: " + e.getMessage()), took(started), "", null);
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            return new Sent(new Outcome.Dead(0, "cannot render: " + Throwables.describe(e)), took(started), "", null);
        }
        if (prepared instanceof Requests.Prepared.Skip skip) {
            return new Sent(new Outcome.Skipped(skip.reason()), took(started), "", null, Optional.empty(),
                    skip.followUp());
        }
        Requests.Prepared.Send send = (Requests.Prepared.Send) prepared;
        String note = send.rendered().plainBecause().map(why -> " as plain text (rich rendering failed: " + why + ")")
                .orElse("");
        Sent sent = send(delivery, send.rendered().request(), started, note, send.keepPosted());
        return delivery.kind() == DeliveryKind.FOLLOW_UP && sent.outcome() instanceof Outcome.Delivered
                ? new Sent(sent.outcome(), sent.took(), sent.note(), sent.answer(), sent.posted(), Optional.of("sent"))
                : sent;
    }

    private Sent send(Delivery delivery, OutboundRequest request, Instant started, String note, boolean keepPosted) {
        try {
            Platform<?> platform = formatters.platform(delivery.destination());
            SendResult result = senders.over(platform.transport())
                    .send(request, config.timeout(delivery.destination()));
            Instant answered = clock.instant();
            Outcome outcome = platform.classify(request, result.answer(), answered);
            // held before this send frees its place: otherwise the next send could start in between
            RetryPolicy.holdUntil(outcome, platform.holdOff(result.answer(), answered), answered)
                    .ifPresent(until -> pause(delivery.destination(), until));
            Optional<String> posted = Optional.empty();
            if (outcome instanceof Outcome.Delivered) {
                rememberThread(delivery, request, result);
                posted = keepPosted ? platform.posted(request, result.answer()) : Optional.empty();
            }
            return new Sent(outcome, result.took(), note, result.answer().body(), posted, Optional.empty());
        } catch (IOException e) {
            return new Sent(NoAnswer.outcome(e), took(started), note, null);
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            return new Sent(new Outcome.Dead(0, "cannot send: " + Throwables.describe(e)), took(started), note, null);
        }
    }

    private Duration took(Instant started) {
        return Duration.between(started, clock.instant());
    }

    /**
     * The first message of a conversation started a thread: later ones go into it, across restarts
     * and replicas. The message is delivered either way; if the store cannot keep the thread, the
     * conversation's next message starts a new one.
     */
    private void rememberThread(Delivery delivery, OutboundRequest request, SendResult result) {
        try {
            request.threadCapture().ifPresent(capture -> capture.known()
                    .or(() -> JsonPeek.field(result.answer().body(), capture.field()))
                    .ifPresent(id -> outbox.shared().saveThreadId(delivery.destination(), capture.conversationId(), id,
                            clock.instant())));
        } catch (StoreUnavailableException e) {
            LOG.warn("delivered {}, but its thread was not saved ({}); the conversation's next message starts a new "
                    + "thread", what(delivery), LogSafe.value(redactor.redact(e.getMessage())));
        }
    }

    /**
     * Records the outcome and logs its one line, unless the destination has written its budget of
     * such lines this second (then it is only counted, not even formatted). The attempt's
     * {@code note} says when the request was rendered plain, its {@code answer} is the start of what
     * the destination answered (null when nothing was).
     */
    private void settle(Delivery delivery, Sent sent, Instant started) {
        Outcome outcome = aboutAMessage(delivery, sent.outcome(), delivery.attempts() + 1);
        String note = sent.note();
        String answer = sent.answer();
        Attempt attempt = new Attempt(started, status(outcome), redactor.shown(reason(outcome) + note), sent.took(),
                answer == null || answer.isBlank() ? null : redactor.excerpt(answer, ANSWER_CHARS));
        String destination = delivery.destination();
        int attempts = delivery.attempts() + 1;
        int maxAttempts = policy.maxAttempts();
        if (outcome instanceof Outcome.Skipped skipped) {
            if (recording.record(delivery, attempt, "skipped", deadline -> outbox.skipped(delivery, attempt, deadline))) {
                sent.followUp().ifPresent(metrics::followUp);
                if (lines.admits(destination, DeliveryLog.Settled.SKIPPED)) {
                    LOG.info("skipped {}: {}", what(delivery), LogSafe.value(skipped.reason()));
                }
            }
            return;
        }
        RetryPolicy.Decision decision = policy.decide(outcome, attempts, clock.instant());
        Optional<ReplyNotices.Reply> reply = ReplyNotices.of(delivery);
        if (decision instanceof RetryPolicy.Decision.Delivered) {
            List<Claims.Queued> then = reply.map(ReplyNotices::delivered).orElse(List.of());
            if (recording.record(delivery, attempt, "delivered",
                    deadline -> outbox.delivered(delivery, attempt, sent.posted(), then, deadline))) {
                counts.count(delivery, attempt, sent.followUp(), reply);
                if (lines.admits(destination, DeliveryLog.Settled.DELIVERED)) {
                    LOG.info("delivered {} status={} in {}ms (attempt {}){}", what(delivery), attempt.status(),
                            attempt.took().toMillis(), attempts, LogSafe.value(redactor.redact(note)));
                }
            }
        } else if (decision instanceof RetryPolicy.Decision.RetryAt retry) {
            if (recording.record(delivery, attempt, "retry",
                    deadline -> outbox.retryAt(delivery, retry.at(), attempt, deadline))) {
                metrics.deliveryOutcome(destination, "retried");
                if (lines.admits(destination, DeliveryLog.Settled.RETRIED)) {
                    LOG.warn("retry {} in {} after {} (attempt {} of {})", what(delivery), human(retry.after()),
                            LogSafe.value(attempt.reason()), attempts, maxAttempts);
                }
            }
        } else if (recording.record(delivery, attempt, "dead", deadline -> outbox.dead(delivery, attempt,
                reply.map(r -> ReplyNotices.dead(r, attempt.reason())).orElse(List.of()), deadline))) {
            metrics.deliveryOutcome(destination, "dead");
            reply.ifPresent(r -> metrics.reply("dead"));
            if (lines.admits(destination, DeliveryLog.Settled.DEAD)) {
                LOG.error("dead {}: {} (attempt {} of {})", what(delivery), LogSafe.value(attempt.reason()), attempts,
                        maxAttempts);
            }
        }
    }

    /**
     * An edit or a notice the platform refuses for good (a message deleted or too old to edit, a
     * press answered too late) changes only how a message looks: it is settled skipped with the
     * platform's reason, not kept as a dead letter for an operator to replay.
     */
    private Outcome aboutAMessage(Delivery delivery, Outcome outcome, int attempts) {
        if (delivery.kind() != DeliveryKind.EDIT && delivery.kind() != DeliveryKind.NOTICE) {
            return outcome;
        }
        if (outcome instanceof Outcome.Dead dead) {
            return new Outcome.Skipped("refused: " + dead.reason());
        }
        if (outcome instanceof Outcome.Retry retry && attempts >= policy.maxAttempts()) {
            return new Outcome.Skipped("gave up after " + attempts + " attempts: " + retry.reason());
        }
        return outcome;
    }

    static String what(Delivery delivery) {
        return "event=" + delivery.event().id() + " type=" + LogSafe.value(delivery.event().type())
                + " destination=" + delivery.destination() + " delivery=" + delivery.id();
    }

    /**
     * Holds the destination here at once, and for the other replicas through the store. A store that
     * cannot take the pause must not cost the outcome: it is recorded after this.
     */
    private void pause(String destination, Instant until) {
        limiter.pauseUntil(destination, until);
        try {
            outbox.shared().pauseDestination(destination, until);
        } catch (StoreUnavailableException e) {
            LOG.warn("destination={} paused here until {}, but the other replicas were not told: {}", destination,
                    until, LogSafe.value(redactor.redact(e.getMessage())));
        }
    }

    private static int status(Outcome outcome) {
        if (outcome instanceof Outcome.Delivered delivered) {
            return delivered.status();
        }
        if (outcome instanceof Outcome.Retry retry) {
            return retry.status();
        }
        return outcome instanceof Outcome.Dead dead ? dead.status() : 0;
    }

    private static String reason(Outcome outcome) {
        if (outcome instanceof Outcome.Retry retry) {
            return retry.reason();
        }
        if (outcome instanceof Outcome.Dead dead) {
            return dead.reason();
        }
        return outcome instanceof Outcome.Skipped skipped ? skipped.reason() : "delivered";
    }

    static String human(Duration duration) {
        return duration.toMillis() < 1_000 ? duration.toMillis() + "ms"
                : String.format(java.util.Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }
}
