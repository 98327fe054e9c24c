package io.chatrelay.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SampledTest {

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger work = new AtomicInteger();
    private final MeterBinder costly = registry -> {
        Gauge.builder("costly.load", reads, AtomicInteger::incrementAndGet).description("read per call")
                .baseUnit("percent").tag("kind", "test").register(registry);
        FunctionCounter.builder("costly.work", work, AtomicInteger::get).register(registry);
    };
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void scrapesShowTheLastSampleWithoutReadingTheGaugeAgain() {
        Sampled sampled = new Sampled(List.of(costly), registry);
        int afterFirstSample = reads.get();

        for (int i = 0; i < 20; i++) {
            assertThat(registry.scrape()).contains("costly_load_percent{kind=\"test\"} 1.0");
        }

        assertThat(reads.get()).isEqualTo(afterFirstSample);
        work.set(20);
        sampled.sample();
        assertThat(registry.scrape()).contains("costly_load_percent{kind=\"test\"} 2.0")
                .contains("costly_work_total 20.0");
    }

    @Test
    void keepsTheMetersNamesTagsDescriptionsAndUnits() {
        new Sampled(List.of(costly), registry);

        assertThat(registry.scrape()).contains("# HELP costly_load_percent read per call")
                .contains("# TYPE costly_load_percent gauge").contains("# TYPE costly_work_total counter");
    }

    @Test
    void theRelaysScrapeStillHasTheJvmCpuAndThreadGauges() {
        try (RelayMetrics metrics = new RelayMetrics()) {
            assertThat(metrics.scrape()).contains("process_cpu_usage ", "system_cpu_usage ", "system_cpu_count ",
                    "jvm_threads_live_threads ", "jvm_threads_states_threads{state=\"runnable\"} ",
                    "jvm_memory_used_bytes{", "jvm_gc_");
        }
    }
}
