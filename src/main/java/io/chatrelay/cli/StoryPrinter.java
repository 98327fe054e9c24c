package io.chatrelay.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Prints the admin API's story maps for a terminal, or as the same JSON the API answers. */
final class StoryPrinter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<String, String> SOURCES = Map.of("console", "console", "api", "admin API",
            "cli", "command line");
    private final PrintWriter out;

    StoryPrinter(PrintWriter out) {
        this.out = out;
    }

    void json(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of plain values always serialise", e);
        }
    }

    void event(Map<String, Object> event) {
        field("event", event.get("id"));
        field("type", event.get("event"));
        field("accepted at", event.get("accepted_at"));
        field("conversation", event.get("conversation_id"));
        field("chatbot", event.get("chatbot_id"));
        field("size", event.get("size_bytes") + " bytes");
        field("copies", copies(event.get("copies")));
        List<?> routes = (List<?>) event.get("routes");
        field("routes", routes.isEmpty() ? "none matched" : String.join(", ", routes.stream().map(String::valueOf)
                .toList()));
        if (event.get("routing") instanceof List<?> routing && !routing.isEmpty()) {
            out.println("time intervals at acceptance:");
            routing.forEach(line -> out.println("  " + line));
        }
        if (event.get("contact") instanceof Map<?, ?> contact) {
            out.println("contact:");
            contact.forEach((key, value) -> field("  " + key, value));
        }
        if (event.get("claim") instanceof Map<?, ?> claim) {
            field("taken by", claim.get("by") + " at " + claim.get("at") + " via " + claim.get("via"));
        }
        List<?> deliveries = (List<?>) event.get("deliveries");
        out.println(Plural.deliveries(deliveries.size()));
        for (Object delivery : deliveries) {
            out.println();
            delivery(cast(delivery));
        }
        actions(event.get("actions"));
    }

    /** What operators did to the event's deliveries, oldest first; nothing when they did nothing. */
    private void actions(Object actions) {
        if (!(actions instanceof List<?> list) || list.isEmpty()) {
            return;
        }
        out.println();
        out.println("actions:");
        for (Object item : list) {
            Map<String, Object> action = cast(item);
            out.printf("  %s  %-7s delivery %s, from the %s%n", action.get("at"), action.get("action"),
                    action.get("delivery"), SOURCES.getOrDefault(String.valueOf(action.get("source")),
                            String.valueOf(action.get("source"))));
        }
    }

    /** How many times the body arrived; a story from an older relay has no count. */
    private static String copies(Object copies) {
        if (!(copies instanceof Number count) || count.longValue() <= 1) {
            return "1 (received once)";
        }
        return count + " (received " + count + " times; the copies were answered as duplicates, not delivered)";
    }

    void delivery(Map<String, Object> delivery) {
        List<?> attempts = (List<?>) delivery.get("attempt_history");
        out.printf("%s %s to %s (route %s): %s after %s%n", what(delivery), delivery.get("id"),
                delivery.get("destination"), delivery.get("route"), delivery.get("status"),
                attemptCount(((Number) delivery.get("attempts")).longValue(), attempts.size()));
        out.printf("  event %s (%s), accepted %s, conversation %s%n", delivery.get("event_id"), delivery.get("event"),
                delivery.get("accepted_at"), dash(delivery.get("conversation_id")));
        if (delivery.get("next_attempt_at") != null) {
            out.printf("  next attempt %s%n", delivery.get("next_attempt_at"));
        }
        if ("skipped".equals(delivery.get("status"))) {
            out.printf("  skipped: %s%n", dash(delivery.get("last_reason")));
        }
        if (attempts.isEmpty()) {
            out.println("  no attempt yet");
        }
        for (Object item : attempts) {
            Map<String, Object> attempt = cast(item);
            out.printf("  #%-3s %s  %6sms  HTTP %-3s  %-9s %s%n", attempt.get("number"), attempt.get("at"),
                    attempt.get("duration_ms"), attempt.get("status"), dash(attempt.get("outcome")),
                    dash(attempt.get("reason")));
            if (attempt.get("answer") != null) {
                out.printf("        answer: %s%n", attempt.get("answer"));
            }
            if (attempt.get("next_attempt_at") != null) {
                out.printf("        retry at %s%n", attempt.get("next_attempt_at"));
            }
        }
    }

    /** "delivery", "digest delivery", "follow-up delivery", "edit delivery", "notice delivery". */
    private static String what(Map<String, Object> delivery) {
        if (Boolean.TRUE.equals(delivery.get("digest"))) {
            return "digest delivery";
        }
        Object kind = delivery.get("kind");
        return kind == null || "event".equals(kind) ? "delivery" : kind + " delivery";
    }

    /**
     * How many attempts a headline counts: a replay starts the delivery's count afresh while its
     * history keeps every attempt, so then both are said ("1 attempt since the replay, 2 in all").
     */
    static String attemptCount(long sinceReplay, int inAll) {
        if (inAll <= sinceReplay) {
            return Plural.count(sinceReplay, "attempt");
        }
        return Plural.count(sinceReplay, "attempt") + " since the replay, " + inAll + " in all";
    }

    /**
     * The deliveries as a table: one that fits 100 columns (ids cut to a unique prefix, the time
     * relative, long values cut), or with {@code wide} every column in full.
     */
    void deliveryRows(List<Map<String, Object>> rows, boolean wide, Instant now) {
        if (rows.isEmpty()) {
            out.println("no deliveries match");
            return;
        }
        if (wide) {
            wideRows(rows);
        } else {
            List<String> eventIds = Table.uniquePrefixes(column(rows, "event_id"), 8);
            new Table(100)
                    .column("ID", Table.FULL, column(rows, "id"))
                    .column("STATUS", Table.FULL, column(rows, "status"))
                    .column("ACCEPTED", Table.FULL, rows.stream()
                            .map(row -> Ago.of(Instant.parse((String) row.get("accepted_at")), now)).toList())
                    .column("EVENT ID", Table.FULL, eventIds)
                    .column("EVENT", 20, column(rows, "event"))
                    .column("DESTINATION", 16, column(rows, "destination"))
                    .column("ATTEMPTS", Table.FULL, column(rows, "attempts"))
                    .column("LAST RESULT", Table.FULL, column(rows, "last_reason"))
                    .print(out);
        }
        out.println(Plural.deliveries(rows.size()));
    }

    /**
     * The events as a table, each with where it went ("crm delivered, sales dead"): one that fits
     * 100 columns, or with {@code wide} every column in full.
     */
    void eventRows(List<Map<String, Object>> rows, boolean wide, Instant now) {
        if (rows.isEmpty()) {
            out.println("no events match");
            return;
        }
        List<String> ids = column(rows, "id");
        List<String> went = rows.stream().map(row -> ((List<?>) row.get("deliveries")).stream().map(item -> {
            Map<String, Object> delivery = cast(item);
            Object kind = delivery.get("kind");
            return delivery.get("destination") + (kind == null || "event".equals(kind) ? "" : " " + kind) + " "
                    + delivery.get("status");
        }).reduce((a, b) -> a + ", " + b).orElse("(no route matched)")).toList();
        Table table = new Table(wide ? Table.FULL : 100)
                .column("ID", Table.FULL, wide ? ids : Table.uniquePrefixes(ids, 8))
                .column("ACCEPTED", Table.FULL, wide ? column(rows, "accepted_at") : ago(rows, now))
                .column("EVENT", wide ? Table.FULL : 20, column(rows, "event"))
                .column("WHO", wide ? Table.FULL : 18, column(rows, "who"))
                .column("CONVERSATION", wide ? Table.FULL : 14, column(rows, "conversation_id"))
                .column("DELIVERIES", Table.FULL, went);
        if (wide) {
            table.column("MESSAGE", Table.FULL, column(rows, "excerpt"));
        }
        table.print(out);
        out.println(Plural.count(rows.size(), "event"));
    }

    private void wideRows(List<Map<String, Object>> rows) {
        Table table = new Table(Table.FULL);
        String[][] columns = {{"ID", "id"}, {"STATUS", "status"}, {"ACCEPTED", "accepted_at"},
            {"EVENT ID", "event_id"}, {"EVENT", "event"}, {"DESTINATION", "destination"},
            {"ROUTE", "route"}, {"KIND", "kind"}, {"CONVERSATION", "conversation_id"}, {"ATTEMPTS", "attempts"},
            {"LAST ATTEMPT", "last_attempt_at"}, {"NEXT ATTEMPT", "next_attempt_at"}, {"LAST RESULT", "last_reason"}};
        for (String[] column : columns) {
            table.column(column[0], Table.FULL, column(rows, column[1]));
        }
        table.print(out);
    }

    private static List<String> ago(List<Map<String, Object>> rows, Instant now) {
        return rows.stream().map(row -> Ago.of(Instant.parse((String) row.get("accepted_at")), now)).toList();
    }

    private static List<String> column(List<Map<String, Object>> rows, String key) {
        return rows.stream().map(row -> String.valueOf(dash(row.get(key)))).toList();
    }

    private void field(String name, Object value) {
        out.printf("%-14s %s%n", name + ":", dash(value));
    }

    private static Object dash(Object value) {
        return value == null ? "-" : value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
