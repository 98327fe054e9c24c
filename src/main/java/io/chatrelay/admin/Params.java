package io.chatrelay.admin;

import io.chatrelay.config.Closest;
import io.chatrelay.store.DeliveryStatus;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's query parameters, checked against the ones its endpoint knows: an unknown or repeated
 * parameter is refused, never ignored, so a typo cannot silently widen a search.
 */
final class Params {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1_000;
    /** A parameter name is repeated in an error only when it cannot carry anything but a name. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_]{1,32}");

    private final Map<String, List<String>> given;

    private Params(Map<String, List<String>> given) {
        this.given = given;
    }

    /** The query parameters of {@code ctx}; throws {@link BadRequest} for one not in {@code known}. */
    static Params of(Context ctx, Set<String> known) {
        Map<String, List<String>> given = ctx.queryParamMap();
        for (Map.Entry<String, List<String>> entry : given.entrySet()) {
            String name = entry.getKey();
            if (!known.contains(name)) {
                boolean plain = PLAIN_NAME.matcher(name).matches();
                String meant = plain ? Closest.to(name, known).map(m -> ": " + m).orElse("") : "";
                throw new BadRequest((plain ? "unknown query parameter " + name : "unknown query parameter") + meant
                        + "; known: " + String.join(", ", known.stream().sorted().toList()));
            }
            if (entry.getValue().size() > 1) {
                throw new BadRequest("query parameter " + name + " given more than once");
            }
        }
        return new Params(given);
    }

    /** The value, or null when absent or blank. */
    String text(String name) {
        List<String> values = given.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).trim();
    }

    /** The value given under {@code name} or under its {@code alias} (the JSON field's name); not both. */
    String text(String name, String alias) {
        String value = text(name);
        String aliased = text(alias);
        if (value != null && aliased != null) {
            throw new BadRequest(name + " and " + alias + " are the same filter: give one");
        }
        return value != null ? value : aliased;
    }

    DeliveryStatus status() {
        String text = text("status");
        try {
            return text == null ? null : DeliveryStatus.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("status must be dead, pending or delivered");
        }
    }

    int limit() {
        String text = text("limit");
        int limit;
        try {
            limit = text == null ? DEFAULT_LIMIT : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadRequest("limit must be a number");
        }
        if (limit < 1) {
            throw new BadRequest("limit must be at least 1");
        }
        return Math.min(limit, MAX_LIMIT);
    }

    Instant since(Instant now) {
        String text = text("since");
        try {
            return text == null ? null : Stories.since(text, now);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    Long numericCursor() {
        String text = text("cursor");
        try {
            return text == null ? null : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadRequest("cursor must be a next_cursor this endpoint returned");
        }
    }

    /** A request the admin API refuses with 400 and this reason. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String reason) {
            super(reason, null, false, false);
        }
    }
}
