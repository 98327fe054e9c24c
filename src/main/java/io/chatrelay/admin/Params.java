package io.chatrelay.admin;

import io.chatrelay.config.Closest;
import io.chatrelay.store.DeliveryStatus;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * A request's query parameters, checked against the ones its endpoint knows: an unknown or repeated
 * parameter is refused, never ignored, so a typo cannot silently widen a search. The query is read
 * strictly, for every endpoint alike: a bad escape ({@code %zz}) or bytes that are not UTF-8 are
 * refused rather than dropped or replaced, and each value is what its filter says (a number is
 * ASCII digits, a cursor is one this endpoint returned).
 */
final class Params {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1_000;
    /** Longer than any name, email or id a search could find. */
    static final int MAX_SEARCH = 200;
    /** A parameter name is repeated in an error only when it cannot carry anything but a name. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_]{1,32}");
    /** ASCII digits only: {@link Integer#parseInt} would also take {@code +5} and other scripts' digits. */
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern DELIVERY_ID = Pattern.compile("[0-9]{1,18}");
    private static final Pattern EVENT_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String BAD_CURSOR = "cursor must be a next_cursor this endpoint returned";

    private final Map<String, List<String>> given;

    private Params(Map<String, List<String>> given) {
        this.given = given;
    }

    /** The query parameters of {@code ctx}; throws {@link BadRequest} for one not in {@code known}. */
    static Params of(Context ctx, Set<String> known) {
        Map<String, List<String>> given = decode(ctx.queryString());
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

    /** The raw query, decoded by Jetty's strict decoder: no bad escape or malformed UTF-8 is let through. */
    private static Map<String, List<String>> decode(String query) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return given;
        }
        try {
            UrlEncoded.decodeUtf8To(query, 0, query.length(),
                    (name, value) -> given.computeIfAbsent(name, n -> new ArrayList<>()).add(value), false, false, false);
        } catch (IllegalArgumentException e) { // Jetty's Utf8IllegalArgumentException is one too
            throw new BadRequest("query string is not well-formed: every % must start an escape of UTF-8 bytes");
        }
        return given;
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
            throw new BadRequest("status must be dead, pending, delivered or skipped");
        }
    }

    int limit() {
        String text = text("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        if (!INTEGER.matcher(text).matches()) {
            throw new BadRequest("limit must be a number");
        }
        long limit = Long.parseLong(text); // at most 18 digits: it fits
        if (limit < 1) {
            throw new BadRequest("limit must be at least 1");
        }
        return (int) Math.min(limit, MAX_LIMIT);
    }

    Instant since(Instant now) {
        String text = text("since");
        try {
            return text == null ? null : Stories.since(text, now);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** A delivery listing's cursor: a delivery id. */
    Long numericCursor() {
        String text = text("cursor");
        if (text == null) {
            return null;
        }
        if (!DELIVERY_ID.matcher(text).matches()) {
            throw new BadRequest(BAD_CURSOR);
        }
        return Long.parseLong(text);
    }

    /** A delivery id as a path gives it: ASCII digits ({@link Long#parseLong} would take other scripts' too). */
    static long deliveryId(String text) {
        if (!DELIVERY_ID.matcher(text).matches()) {
            throw new BadRequest("delivery id must be a number");
        }
        return Long.parseLong(text);
    }

    /** What to find events by (see {@link io.chatrelay.store.EventFilter#withSearch}): a name, email, phone or id. */
    String search() {
        String text = text("search");
        if (text != null && text.length() > MAX_SEARCH) {
            throw new BadRequest("search must be at most " + MAX_SEARCH + " characters");
        }
        return text;
    }

    /** An event listing's cursor: an event id, which sorts by time as text. */
    String eventCursor() {
        String text = text("cursor");
        if (text == null) {
            return null;
        }
        if (!EVENT_ID.matcher(text).matches()) {
            throw new BadRequest(BAD_CURSOR);
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** A request the admin API refuses with 400 and this reason. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String reason) {
            super(reason, null, false, false);
        }
    }
}
