package io.chatrelay.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Gauges whose reading is costly, read in the background instead of on every scrape. The JVM's
 * CPU load gauges read the process's and the cgroup's files (about 50 us each) and the thread-state
 * gauges walk every thread once per state: together about a third of a scrape. Bound here, the
 * binder's gauges and function counters appear in the scrape under their own names, tags and
 * units, with the value of the last {@link #sample()}.
 */
final class Sampled {

    private final SimpleMeterRegistry source = new SimpleMeterRegistry();
    private final Map<Meter.Id, Double> last = new ConcurrentHashMap<>();

    /** Binds {@code binders}' meters to {@code target}, read from the last sample; samples once now. */
    Sampled(List<MeterBinder> binders, MeterRegistry target) {
        binders.forEach(binder -> binder.bindTo(source));
        sample();
        for (Meter meter : source.getMeters()) {
            Meter.Id id = meter.getId();
            ToDoubleFunction<Map<Meter.Id, Double>> value = values -> values.getOrDefault(id, Double.NaN);
            if (meter instanceof FunctionCounter) {
                FunctionCounter.builder(id.getName(), last, value).tags(id.getTags()).description(id.getDescription())
                        .baseUnit(id.getBaseUnit()).register(target);
            } else if (meter instanceof Gauge) {
                Gauge.builder(id.getName(), last, value).tags(id.getTags()).description(id.getDescription())
                        .baseUnit(id.getBaseUnit()).register(target);
            }
        }
    }

    /** Reads every bound meter once; the scrapes until the next sample show these values. */
    void sample() {
        for (Meter meter : source.getMeters()) {
            if (meter instanceof FunctionCounter counter) {
                last.put(meter.getId(), counter.count());
            } else if (meter instanceof Gauge gauge) {
                last.put(meter.getId(), gauge.value());
            }
        }
    }
}
