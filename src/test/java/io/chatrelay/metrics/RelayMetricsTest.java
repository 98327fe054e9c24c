package io.chatrelay.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RelayMetricsTest {

    private static final Pattern BUCKET = Pattern.compile(
            "chatrelay_delivery_latency_seconds_bucket\\{destination=\"crm\",le=\"([^\"]+)\"} (\\S+)");

    @Test
    void latencyHistogramHasSeventeenBucketsPerDestinationFromFiveMillisecondsToAnHour() {
        try (RelayMetrics metrics = new RelayMetrics()) {
            metrics.deliveryLatency("crm", Duration.ofMillis(700));
            metrics.deliveryLatency("crm", Duration.ofMinutes(20));

            Matcher bucket = BUCKET.matcher(metrics.scrape());
            List<String> bounds = new ArrayList<>();
            Map<String, Double> counts = new HashMap<>();
            while (bucket.find()) {
                bounds.add(bucket.group(1));
                counts.put(bucket.group(1), Double.parseDouble(bucket.group(2)));
            }

            assertThat(bounds).containsExactly("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5",
                    "5.0", "10.0", "30.0", "60.0", "300.0", "900.0", "3600.0", "+Inf");
            assertThat(counts).containsEntry("0.5", 0.0).containsEntry("1.0", 1.0).containsEntry("900.0", 1.0)
                    .containsEntry("3600.0", 2.0).containsEntry("+Inf", 2.0);
        }
    }
}
