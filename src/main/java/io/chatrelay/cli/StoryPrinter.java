package io.chatrelay.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Prints the admin API's story maps for a terminal, or as the same JSON the API answers. */
final class StoryPrinter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
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
        List<?> routes = (List<?>) event.get("routes");
        field("routes", routes.isEmpty() ? "none matched" : String.join(", ", routes.stream().map(String::valueOf)
                .toList()));
        if (event.get("contact") instanceof Map<?, ?> contact) {
            out.println("contact:");
            contact.forEach((key, value) -> field("  " + key, value));
        }
        List<?> deliveries = (List<?>) event.get("deliveries");
        out.printf("%d deliveries%n", deliveries.size());
        for (Object delivery : deliveries) {
            out.println();
            delivery(cast(delivery));
        }
    }

    void delivery(Map<String, Object> delivery) {
        out.printf("%s %s to %s (route %s): %s after %s attempts%n",
                Boolean.TRUE.equals(delivery.get("digest")) ? "digest delivery" : "delivery", delivery.get("id"),
                delivery.get("destination"), delivery.get("route"), delivery.get("status"), delivery.get("attempts"));
        out.printf("  event %s (%s), accepted %s, conversation %s%n", delivery.get("event_id"), delivery.get("event"),
                delivery.get("accepted_at"), dash(delivery.get("conversation_id")));
        if (delivery.get("next_attempt_at") != null) {
            out.printf("  next attempt %s%n", delivery.get("next_attempt_at"));
        }
        List<?> attempts = (List<?>) delivery.get("attempt_history");
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

    void deliveryRows(List<Map<String, Object>> rows) {
        String format = "%-7s %-9s %-24s %-36s %-20s %-16s %-20s %-8s %-24s %-24s %s%n";
        out.printf(format, "ID", "STATUS", "ACCEPTED", "EVENT ID", "EVENT", "DESTINATION", "CONVERSATION",
                "ATTEMPTS", "LAST ATTEMPT", "NEXT ATTEMPT", "LAST RESULT");
        for (Map<String, Object> row : rows) {
            out.printf(format, row.get("id"), row.get("status"), row.get("accepted_at"), row.get("event_id"),
                    row.get("event"), row.get("destination"), dash(row.get("conversation_id")), row.get("attempts"),
                    dash(row.get("last_attempt_at")), dash(row.get("next_attempt_at")), dash(row.get("last_reason")));
        }
        out.printf("%d deliveries%n", rows.size());
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
