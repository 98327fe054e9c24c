package io.chatrelay.admin;

import io.chatrelay.store.ActionSource;
import io.chatrelay.store.DeliveryView;
import io.chatrelay.store.History;
import io.chatrelay.store.Maintenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Re-queues dead deliveries by id and says, for each id that was not replayed, why not. */
public final class Replays {

    private final History history;
    private final Maintenance maintenance;

    public Replays(History history, Maintenance maintenance) {
        this.history = history;
        this.maintenance = maintenance;
    }

    /** An id that was not replayed: {@code exists} is false when the store has no such delivery. */
    public record NotReplayed(long id, boolean exists, String reason) {
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("reason", reason);
            return json;
        }
    }

    public record Result(int replayed, List<NotReplayed> notReplayed) {}

    /** Each replay is recorded in its event's story as coming from {@code source}. */
    public Result replay(List<Long> ids, ActionSource source, Instant now) {
        int replayed = 0;
        List<NotReplayed> skipped = new ArrayList<>();
        for (long id : ids.stream().distinct().toList()) {
            if (maintenance.replay(List.of(id), source, now) == 1) {
                replayed++;
                continue;
            }
            Optional<DeliveryView> found = history.delivery(id);
            skipped.add(found.map(view -> new NotReplayed(id, true, "delivery " + id + " is "
                            + view.status().name().toLowerCase(Locale.ROOT) + ", not dead"))
                    .orElseGet(() -> new NotReplayed(id, false, "no delivery " + id)));
        }
        return new Result(replayed, skipped);
    }
}
