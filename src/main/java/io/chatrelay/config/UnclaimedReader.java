package io.chatrelay.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a route's {@code unclaimed} follow-up and checks it can ever apply. */
final class UnclaimedReader {

    private UnclaimedReader() {}

    static Optional<UnclaimedConfig> read(Fields route, Map<String, Condition> match, Set<String> destinationNames) {
        if (!route.has("unclaimed")) {
            route.raw("unclaimed");
            return Optional.empty();
        }
        Fields unclaimed = route.mapping("unclaimed");
        Optional<Duration> after = unclaimed.duration("after");
        if (!unclaimed.has("after")) {
            unclaimed.problem("after", "is required: how long an escalation may stay untaken before the follow-up, "
                    + "from 30s to 24h, e.g. 5m");
        }
        Optional<Duration> inRange = after.filter(a -> a.compareTo(UnclaimedConfig.MIN_AFTER) >= 0
                && a.compareTo(UnclaimedConfig.MAX_AFTER) <= 0);
        if (after.isPresent() && inRange.isEmpty()) {
            unclaimed.problem("after", "must be between 30s and 24h, got " + unclaimed.string("after").orElse(""));
        }
        List<String> to = unclaimed.strings("to");
        if (to.isEmpty()) {
            unclaimed.problem("to", "is required: the destinations an untaken escalation goes to next");
        }
        boolean known = RouteReader.checkDestinations(unclaimed, to, destinationNames);
        unclaimed.finish();
        if (!DigestReader.canMatchEscalation(match)) {
            route.problem("unclaimed", "only an escalation can be taken, and this route's match.event rules out "
                    + DigestReader.ESCALATION + "; move unclaimed to the route that sends escalations");
            return Optional.empty();
        }
        return inRange.filter(a -> known && !to.isEmpty()).map(a -> new UnclaimedConfig(a, to));
    }
}
