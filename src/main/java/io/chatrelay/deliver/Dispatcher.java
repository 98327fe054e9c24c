package io.chatrelay.deliver;

import io.chatrelay.config.DeliveryConfig;
import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.Redactor;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.format.Envelope;
import io.chatrelay.format.Formatters;
import io.chatrelay.format.OutboundRequest;
import io.chatrelay.store.Attempt;
import io.chatrelay.store.Delivery;
import io.chatrelay.store.Outbox;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes due deliveries from the outbox, renders and sends them, and records what happened. One
 * loop thread claims work; a bounded pool sends it.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final RelayConfig config;
    private final Formatters formatters;
    private final HttpSender sender;
    private final Redactor redactor;
    private final Backoff backoff;
    private final Clock clock;
    private final int concurrency;
    private final Semaphore slots;
    private final Semaphore wakeups = new Semaphore(0);
    private final ExecutorService senders;
    private final Thread loop;
    private volatile boolean running = true;

    public Dispatcher(Outbox outbox, RelayConfig config, HttpSender sender, Clock clock, int concurrency) {
        this.outbox = outbox;
        this.config = config;
        this.formatters = Formatters.of(config);
        this.sender = sender;
        this.redactor = Redactor.of(config);
        DeliveryConfig delivery = config.delivery();
        this.backoff = new Backoff(delivery.backoffInitial(), delivery.backoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.clock = clock;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
        this.senders = Executors.newFixedThreadPool(concurrency, named("relay-send"));
        this.loop = named("relay-dispatch").newThread(this::run);
    }

    public void start() {
        loop.start();
    }

    /** Tells the loop that new work may be due now. */
    public void wake() {
        wakeups.release();
    }

    private void run() {
        while (running) {
            try {
                int free = slots.availablePermits();
                List<Delivery> due = free == 0 ? List.of() : outbox.claimDue(clock.instant(), free);
                for (Delivery delivery : due) {
                    slots.acquire();
                    senders.execute(() -> {
                        try {
                            attempt(delivery);
                        } finally {
                            slots.release();
                            wake();
                        }
                    });
                }
                if (due.isEmpty()) {
                    wakeups.tryAcquire(untilNextDue().toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("dispatch loop: {}", redactor.redact(String.valueOf(e.getMessage())));
                sleepQuietly();
            }
        }
    }

    private Duration untilNextDue() {
        Optional<Instant> next = outbox.nextDue();
        if (next.isEmpty()) {
            return IDLE_POLL;
        }
        Duration wait = Duration.between(clock.instant(), next.get());
        return wait.isNegative() ? Duration.ZERO : (wait.compareTo(IDLE_POLL) > 0 ? IDLE_POLL : wait);
    }

    void attempt(Delivery delivery) {
        Instant started = clock.instant();
        DestinationConfig destination = config.destinations().get(delivery.destination());
        Outcome outcome;
        Duration took = Duration.ZERO;
        try {
            OutboundRequest request = render(delivery);
            Duration timeout = destination.options().timeout().orElse(config.delivery().timeout());
            HttpResult result = sender.send(request, timeout);
            took = result.took();
            outcome = ResponseClassifier.classify(result, clock.instant());
        } catch (IOException e) {
            took = Duration.between(started, clock.instant());
            outcome = ResponseClassifier.classify(e);
        } catch (MalformedEventException | RuntimeException e) {
            outcome = new Outcome.Dead(0, "cannot render: " + e.getMessage());
        }
        settle(delivery, outcome, new Attempt(started, status(outcome), reason(outcome), took));
    }

    private OutboundRequest render(Delivery delivery) throws MalformedEventException {
        ChatDataEvent event = EventParser.parse(delivery.event().body(), delivery.event().type());
        return formatters.forDestination(delivery.destination())
                .format(new Envelope(delivery.event(), event, delivery.id(), Optional.empty()));
    }

    private void settle(Delivery delivery, Outcome outcome, Attempt attempt) {
        String what = "event=" + delivery.event().id() + " type=" + delivery.event().type()
                + " destination=" + delivery.destination();
        int attempts = delivery.attempts() + 1;
        if (outcome instanceof Outcome.Delivered) {
            outbox.delivered(delivery, attempt);
            LOG.info("delivered {} status={} in {}ms (attempt {})", what, attempt.status(), attempt.took().toMillis(),
                    attempts);
        } else if (outcome instanceof Outcome.Retry retry && attempts < config.delivery().maxAttempts()) {
            Duration wait = backoff.delay(attempts);
            if (retry.notBefore().isPresent() && retry.notBefore().get().compareTo(wait) > 0) {
                wait = retry.notBefore().get();
            }
            outbox.retryAt(delivery, clock.instant().plus(wait), attempt);
            LOG.warn("retry {} in {} after {} (attempt {} of {})", what, human(wait), attempt.reason(), attempts,
                    config.delivery().maxAttempts());
        } else {
            outbox.dead(delivery, attempt);
            LOG.error("dead {}: {} (attempt {})", what, attempt.reason(), attempts);
        }
    }

    private static int status(Outcome outcome) {
        if (outcome instanceof Outcome.Delivered delivered) {
            return delivered.status();
        }
        return outcome instanceof Outcome.Retry retry ? retry.status() : ((Outcome.Dead) outcome).status();
    }

    private String reason(Outcome outcome) {
        String reason = outcome instanceof Outcome.Retry retry ? retry.reason()
                : outcome instanceof Outcome.Dead dead ? dead.reason() : "delivered";
        return redactor.redact(reason);
    }

    private static String human(Duration duration) {
        return duration.toMillis() < 1_000 ? duration.toMillis() + "ms" : duration.toSeconds() + "s";
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(IDLE_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops claiming work and gives sends in flight until {@code deadline} to finish. */
    public void stop(Duration deadline) {
        running = false;
        wake();
        loop.interrupt();
        senders.shutdown();
        try {
            if (!senders.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
            }
            loop.join(deadline.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

}
