package io.chatrelay.admin;

import io.chatrelay.ingest.Refusals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/refused}: the requests the front door refused lately, newest first, as the
 * console's Refused view shows them. Nothing of their bodies is kept, so nothing of them is shown.
 */
final class RefusedView {

    private RefusedView() {}

    static Map<String, Object> of(List<Refusals.Refusal> refused) {
        return Map.of("refused", refused.stream().map(RefusedView::row).toList());
    }

    private static Map<String, Object> row(Refusals.Refusal refusal) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("at", refusal.at().toString());
        row.put("address", refusal.address());
        row.put("reason", refusal.reason());
        row.put("status", refusal.status());
        row.put("size_bytes", refusal.sizeBytes().isPresent() ? refusal.sizeBytes().getAsLong() : null);
        row.put("topic", refusal.topic());
        return row;
    }
}
