package io.chatrelay.metrics;

import io.chatrelay.tasks.Periodic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The relay's metrics, named once here (docs/operations.md lists them) and exposed at {@code /metrics} in
 * Prometheus text format. Labels are bounded: event types Chat Data documents (others count as
 * {@code other}), configured destination names, fixed reasons and outcomes.
 */
public final class RelayMetrics implements AutoCloseable {

    private static final java.util.Set<String> KNOWN_EVENTS = java.util.Set.of("chat", "live-chat-escalation",
            "lead-submission", "user-online", "user-offline");

    /** How often the costly JVM gauges (CPU load, threads by state) are read; see {@link Sampled}. */
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Periodic sampler;
    /**
     * The meters every event or delivery touches, built once per label set: registering one again
     * looks it up by its whole id (tags sorted and compared), which on the hot path cost more than
     * counting.
     */
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<List<Object>, Timer> requests = new ConcurrentHashMap<>();

    public RelayMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        Sampled sampled = new Sampled(List.of(new JvmThreadMetrics(), new ProcessorMetrics()), registry);
        sampler = Periodic.every("relay-metrics-sampler", SAMPLE_EVERY, SAMPLE_EVERY, () -> {
            try {
                sampled.sample();
            } catch (RuntimeException e) {
                // a gauge that cannot be read keeps its last value; the next sample tries again
            }
        });
    }

    /** {@code chatrelay_events_received_total{event}}: events accepted (200). */
    public void eventReceived(String type) {
        received.computeIfAbsent(KNOWN_EVENTS.contains(type) ? type : "other", event -> Counter
                .builder("chatrelay.events.received").description("Chat Data events accepted")
                .tag("event", event).register(registry)).increment();
    }

    /**
     * {@code chatrelay_events_duplicate_total{event}}: bodies answered as copies of an event accepted
     * within {@code chat_data.dedupe_window} (200, nothing stored).
     */
    public void eventDuplicate(String type) {
        Counter.builder("chatrelay.events.duplicate").description("Copies of accepted events answered, not stored")
                .tag("event", KNOWN_EVENTS.contains(type) ? type : "other").register(registry).increment();
    }

    /** {@code chatrelay_requests_rejected_total{reason}}: signature, size, json, framing, timeout, aborted, overloaded, unavailable, shutting_down. */
    public void requestRejected(String reason) {
        Counter.builder("chatrelay.requests.rejected").description("Ingest requests rejected, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    /** {@code chatrelay_deliveries_total{destination,outcome}}: delivered, retried, dead. */
    public void deliveryOutcome(String destination, String outcome) {
        outcomes.computeIfAbsent(List.of(destination, outcome), key -> Counter.builder("chatrelay.deliveries")
                .description("Delivery attempts by outcome").tag("destination", destination).tag("outcome", outcome)
                .register(registry)).increment();
    }

    /**
     * The latency histogram's buckets: from a local delivery (milliseconds) through "within a second"
     * to retries an hour later. Fixed, 16 and {@code +Inf} per destination: Micrometer's percentile
     * histogram had 100 from 1 ms to 1 h, each a line of every scrape (100 of 249 with one destination).
     */
    private static final Duration[] LATENCY_BUCKETS = Stream.of(5L, 10L, 25L, 50L, 100L, 250L, 500L, 1_000L, 2_500L,
            5_000L, 10_000L, 30_000L, 60_000L, 300_000L, 900_000L, 3_600_000L).map(Duration::ofMillis)
            .toArray(Duration[]::new);

    /** {@code chatrelay_delivery_latency_seconds{destination}}: from acceptance to successful delivery. */
    public void deliveryLatency(String destination, Duration sinceAccepted) {
        latencies.computeIfAbsent(destination, name -> Timer.builder("chatrelay.delivery.latency")
                .description("Time from acceptance to successful delivery").tag("destination", name)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry))
                .record(sinceAccepted.isNegative() ? Duration.ZERO : sinceAccepted);
    }

    /** Buckets of {@code chatrelay_digest_events}: the events one digest carried. */
    private static final double[] DIGEST_BUCKETS = {1, 5, 10, 25, 50, 100, 250, 1_000, 5_000};

    /**
     * {@code chatrelay_digests_total{destination}}: digests delivered; {@code chatrelay_digest_events{destination}}:
     * a histogram of the events each carried.
     */
    public void digestDelivered(String destination, int events) {
        Counter.builder("chatrelay.digests").description("Digests delivered")
                .tag("destination", destination).register(registry).increment();
        io.micrometer.core.instrument.DistributionSummary.builder("chatrelay.digest.events")
                .description("Events carried by each delivered digest").tag("destination", destination)
                .serviceLevelObjectives(DIGEST_BUCKETS).register(registry).record(events);
    }

    /** Buckets of {@code chatrelay_escalation_claim_seconds}: from "at once" to "after hours". */
    private static final Duration[] CLAIM_BUCKETS = Stream.of(10L, 30L, 60L, 120L, 300L, 600L, 900L, 1_800L, 3_600L,
            14_400L, 86_400L).map(Duration::ofSeconds).toArray(Duration[]::new);

    /**
     * {@code chatrelay_escalations_claimed_total{destination}}: escalations taken, by where; and
     * {@code chatrelay_escalation_claim_seconds}: from the escalation's acceptance to its claim.
     */
    public void escalationClaimed(String destination, Duration sinceAccepted) {
        Counter.builder("chatrelay.escalations.claimed").description("Escalations taken, by the destination taken through")
                .tag("destination", destination).register(registry).increment();
        Timer.builder("chatrelay.escalation.claim").description("Time from an escalation's acceptance to its claim")
                .serviceLevelObjectives(CLAIM_BUCKETS).register(registry)
                .record(sinceAccepted.isNegative() ? Duration.ZERO : sinceAccepted);
    }

    /** {@code chatrelay_followups_total{outcome}}: follow-ups sent, or skipped because taken or the visitor left. */
    public void followUp(String outcome) {
        Counter.builder("chatrelay.followups").description("Follow-ups of untaken escalations, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /**
     * {@code chatrelay_replies_total{outcome}}: agents' replies delivered to the visitor, dead, or not
     * sent because someone else took the chat ({@code not_claimer}).
     */
    public void reply(String outcome) {
        Counter.builder("chatrelay.replies").description("Agents' replies from chat apps, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** {@code chatrelay_first_reply_seconds}: from an escalation's acceptance to its first reply delivered to the visitor. */
    public void firstReply(Duration sinceAccepted) {
        Timer.builder("chatrelay.first.reply").description("Time from an escalation's acceptance to the first agent "
                        + "reply the visitor got").serviceLevelObjectives(CLAIM_BUCKETS).register(registry)
                .record(sinceAccepted.isNegative() ? Duration.ZERO : sinceAccepted);
    }

    /** {@code chatrelay_config_reloads_total{result}}: applied or rejected. */
    public void configReload(String result) {
        Counter.builder("chatrelay.config.reloads").description("Config reloads, applied or rejected")
                .tag("result", result).register(registry).increment();
    }

    /** {@code http_server_requests_seconds{method,route,status}}. */
    public void httpRequest(String method, String route, int status, Duration took) {
        requests.computeIfAbsent(List.of(method, route, status), key -> Timer.builder("http.server.requests")
                .description("HTTP requests served").tag("method", method).tag("route", route)
                .tag("status", Integer.toString(status)).register(registry)).record(took);
    }

    /** {@code chatrelay_deliveries_pending} and {@code chatrelay_deliveries_dead}: cheap suppliers, called on every scrape. */
    public void storeGauges(Supplier<Number> pending, Supplier<Number> dead) {
        Gauge.builder("chatrelay.deliveries.pending", pending).description("Deliveries waiting or in flight")
                .register(registry);
        Gauge.builder("chatrelay.deliveries.dead", dead).description("Dead deliveries awaiting replay")
                .register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        sampler.close();
        gc.close();
        registry.close();
    }
}
