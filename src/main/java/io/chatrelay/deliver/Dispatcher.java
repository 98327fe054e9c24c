package io.chatrelay.deliver;

import io.chatrelay.config.RateLimit;
import io.chatrelay.config.Redactor;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.log.LogSafe;
import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.store.Delivery;
import io.chatrelay.store.Outbox;
import io.chatrelay.tasks.FailureStreak;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes due deliveries from the outbox and sends them. One loop thread claims work destination by
 * destination, as much as each destination's rate limit allows, and sleeps until the next delivery
 * or token is due. Each destination has up to {@code concurrency} sends of its own in flight, so
 * one that hangs (a CRM timing out) cannot hold up another (the support Slack); the number of
 * sender threads is bounded by destinations × concurrency.
 *
 * <p>During an ingest burst (events queueing for their commit) each destination gets one send at a
 * time: on a small machine senders and acknowledgements share the CPU, and the sender is waiting for
 * the acknowledgement while a delivery can wait in the outbox. Deliveries keep flowing meanwhile, to
 * every destination, and go back to full concurrency as soon as the burst has passed, or has lasted
 * long enough to be the load (see {@link GiveWay}). A send's place is free once its answer is in;
 * its outcome is recorded meanwhile (see {@link Sends}). The next batch is claimed while the last one
 * goes out (see {@link ClaimAhead}).
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final Duration MIN_SLEEP = Duration.ofMillis(5);
    /**
     * Outcomes being recorded per destination, per send its concurrency allows: enough that
     * outcomes gathering into one transaction do not hold up sends, few enough that a stalled store
     * cannot pile up threads, nor sends whose outcome it may not take.
     */
    private static final int RECORDING_PER_SEND = 4;

    private final Outbox outbox;
    private final Senders transports;
    private final RelayMetrics metrics;
    private final RateLimiter limiter;
    private volatile Setup setup;
    private final Clock clock;
    private final int concurrency;
    private final Semaphore wakeups = new Semaphore(0);
    private final ExecutorService senders;
    private final Thread loop;
    private final Set<Delivery> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Sends> sends = new ConcurrentHashMap<>();
    private final GiveWay giveWay;
    private final Claimed claimed;
    private final ClaimAhead claimAhead;
    private final FailureStreak loopFailures;
    private final Pruning pruning;
    private final Replicas replicas;
    /** The per-delivery lines' budget and counts: one for the dispatcher's life, across reloads. */
    private final DeliveryLog deliveryLog;
    private volatile boolean running = true;
    private int firstDestination;

    public Dispatcher(Outbox outbox, RelayConfig config, Senders transports, Clock clock, int concurrency,
                      RelayMetrics metrics, BooleanSupplier ingestBurst) {
        this.outbox = outbox;
        this.giveWay = new GiveWay(ingestBurst);
        this.claimed = new Claimed(outbox);
        this.transports = transports;
        this.metrics = metrics;
        this.clock = clock;
        this.loopFailures = new FailureStreak(clock);
        this.limiter = new RateLimiter(limits(config), clock.instant());
        this.replicas = new Replicas(outbox, limiter);
        this.deliveryLog = new DeliveryLog(clock);
        apply(config);
        this.concurrency = concurrency;
        this.senders = Executors.newCachedThreadPool(named("relay-send"));
        ExecutorService claimers = Executors.newFixedThreadPool(2, named("relay-claim")); // a few of the store's connections at most
        this.claimAhead = new ClaimAhead(outbox, claimed, limiter, claimers, wakeups::release);
        this.loop = named("relay-dispatch").newThread(this::run);
        this.pruning = new Pruning(outbox, clock, () -> setup.config().store().retention(),
                message -> setup.redactor().redact(message));
    }

    public void start() {
        loop.start();
        pruning.start();
    }

    /** Deliveries claimed from now on use {@code newConfig}; sends in flight finish under the old one. */
    public void reconfigure(RelayConfig newConfig) {
        limiter.reconfigure(limits(newConfig), clock.instant());
        apply(newConfig);
        wake();
    }

    /**
     * What one config means to the dispatcher, swapped whole on a reload so that one pass of the loop
     * claims, checks leases and sends under the same config.
     */
    private record Setup(RelayConfig config, List<String> destinations, Attempts attempts, Redactor redactor) {}

    private void apply(RelayConfig newConfig) {
        this.setup = new Setup(newConfig, List.copyOf(newConfig.destinations().keySet()),
                new Attempts(newConfig, transports, outbox, limiter, clock, metrics, deliveryLog),
                Redactor.of(newConfig));
    }

    private static Map<String, Optional<RateLimit>> limits(RelayConfig config) {
        Map<String, Optional<RateLimit>> limits = new LinkedHashMap<>();
        config.destinations().forEach((name, d) -> limits.put(name, d.options().rateLimit()));
        return limits;
    }

    /** Tells the loop that new work may be due now. */
    public void wake() {
        claimAhead.changed();
        wakeups.release();
    }

    private void run() {
        while (running) {
            try {
                deliveryLog.summariseDue(clock.instant()); // due even when no further delivery comes
                replicas.shareWhenDue(clock.instant());
                Instant wakeAt = dispatchDue();
                if (!claimAhead.failing()) { // a claim's failure shows in a later pass
                    loopFailures.worked().ifPresent(line -> LOG.info("dispatch loop {}", line));
                }
                Duration sleep = Duration.between(clock.instant(), wakeAt);
                if (sleep.compareTo(MIN_SLEEP) >= 0) {
                    if (!wakeups.tryAcquire(Math.min(sleep.toMillis(), IDLE_POLL.toMillis()), TimeUnit.MILLISECONDS)) {
                        claimAhead.changed(); // a while with nothing happening: look for another replica's work
                    }
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) { // the loop outlives any one failure; without it nothing is delivered
                Throwables.rethrowIfFatal(e);
                loopFailures.failed(LogSafe.value(setup.redactor().redact(Throwables.describe(e))))
                        .ifPresent(line -> LOG.error("dispatch loop: {}; retrying every {}s", line, IDLE_POLL.toSeconds()));
                sleepQuietly();
            }
        }
    }

    /**
     * Claims and starts what may go now; returns when the loop should look again. Each pass starts
     * at the next destination, so none is always served first.
     */
    private Instant dispatchDue() {
        Instant now = clock.instant();
        Instant wakeAt = now.plus(IDLE_POLL);
        Setup current = setup;
        List<String> names = current.destinations();
        int sendsAllowed = giveWay.sendsAllowed(concurrency, now);
        claimed.releaseAllBut(names);
        claimAhead.releaseAllBut(names);
        firstDestination = names.isEmpty() ? 0 : (firstDestination + 1) % names.size();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get((firstDestination + i) % names.size());
            claimAhead.collect(name);
            int allowed = limiter.available(name, now);
            boolean paused = limiter.paused(name, now);
            if (paused || claimed.isEmpty(name) && allowed == 0) {
                wakeAt = earlier(wakeAt, limiter.nextAllowed(name, now));
            }
            if (paused) {
                continue;
            }
            int free = sends(name).free(sendsAllowed, RECORDING_PER_SEND * concurrency);
            // ahead only while a send can start, and never ahead of a rate limit: a claim spends tokens
            if (free > 0 && (allowed == Integer.MAX_VALUE || claimed.isEmpty(name))) {
                wakeAt = earlier(wakeAt, claimAhead.claimIfLow(name, now, allowed, current.config().lease(name)));
            }
            Duration timeout = current.config().timeout(name);
            for (Delivery next; running && free > 0 && (next = claimed.next(name, now, timeout)) != null; free--) {
                start(next, current);
            }
        }
        return wakeAt;
    }

    private Sends sends(String destination) {
        return sends.computeIfAbsent(destination, name -> new Sends());
    }

    private void start(Delivery delivery, Setup current) {
        inFlight.add(delivery);
        Sends.Send send = sends(delivery.destination()).start();
        try {
            senders.execute(() -> {
                try {
                    current.attempts().run(delivery, () -> {
                        send.answered();
                        wakeups.release(); // the destination's next send need not wait for this outcome's record
                    });
                } catch (Throwable e) { // one line, never a stack trace per lease: the claim lapses and it is due again
                    LOG.error("delivery={} could not be recorded: {}", delivery.id(),
                            LogSafe.value(current.redactor().redact(Throwables.describe(e))));
                    Throwables.rethrowIfFatal(e);
                } finally {
                    send.finished();
                    inFlight.remove(delivery);
                    wake(); // the outcome may have made the next message of its conversation due
                }
            });
        } catch (RejectedExecutionException stopping) {
            send.finished();
            inFlight.remove(delivery);
            Claimed.giveBack(outbox, delivery); // the loop outlived stop's wait for it; due again at the next start
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(IDLE_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stops claiming work and gives sends in flight until {@code deadline} to finish; what has not
     * finished by then is given back to the outbox, due again at the next start.
     */
    public void stop(Duration deadline) {
        running = false;
        pruning.close();
        wake();
        try {
            loop.join(IDLE_POLL.toMillis() * 2);
            senders.shutdown();
            if (!loop.isAlive()) {
                claimAhead.stop(IDLE_POLL.multipliedBy(2));
                claimed.releaseAll();
            }
            if (!senders.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
                LOG.warn("{} sends still in flight at shutdown; they will be retried after restart", inFlight.size());
                for (Delivery delivery : inFlight) {
                    Claimed.giveBack(outbox, delivery); // a send that still finishes then finds its claim ended
                }
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("releasing unfinished deliveries failed: {}", LogSafe.value(setup.redactor().redact(e.getMessage())));
        }
        deliveryLog.summariseAll(); // the counts of the minute so far are not lost with the process
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
