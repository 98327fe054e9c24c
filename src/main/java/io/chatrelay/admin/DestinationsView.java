package io.chatrelay.admin;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.store.DestinationCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each destination with its live counts: pending, dead, delivered in the last hour. Destinations a
 * reload removed still show while the store holds deliveries for them.
 */
final class DestinationsView {

    private DestinationsView() {}

    static Map<String, Object> of(RelayConfig config, List<DestinationCounts> counts) {
        Map<String, DestinationCounts> byName = new LinkedHashMap<>();
        counts.forEach(c -> byName.put(c.destination(), c));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DestinationConfig destination : config.destinations().values()) {
            rows.add(row(destination.name(), destination.type(), byName.remove(destination.name())));
        }
        byName.values().forEach(c -> rows.add(row(c.destination(), null, c)));
        return Map.of("destinations", rows);
    }

    private static Map<String, Object> row(String name, String type, DestinationCounts counts) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("type", type);
        row.put("configured", type != null);
        row.put("pending", counts == null ? 0 : counts.pending());
        row.put("dead", counts == null ? 0 : counts.dead());
        row.put("delivered_last_hour", counts == null ? 0 : counts.deliveredRecently());
        return row;
    }
}
