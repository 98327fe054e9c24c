package io.chatrelay.admin;

import io.chatrelay.config.Durations;
import io.chatrelay.config.Redactor;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.Lead;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.event.RawEvent;
import io.chatrelay.event.Visitor;
import io.chatrelay.store.AttemptView;
import io.chatrelay.store.Claims;
import io.chatrelay.store.ActionView;
import io.chatrelay.store.DeliveryFilter;
import io.chatrelay.store.DeliveryKind;
import io.chatrelay.store.DeliveryView;
import io.chatrelay.store.EventSummary;
import io.chatrelay.store.History;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An event's and a delivery's story as JSON-ready maps, the one shape that the admin API, the
 * console and {@code events show}/{@code deliveries show --json} all print. Every text that came
 * from outside passes the config's {@link Redactor}; visitors' contact details appear only in
 * {@link #event}, read from the event itself, never in a list row or an attempt.
 */
public final class Stories {

    private final History history;
    private final Redactor redactor;
    private final Optional<RequestsShown> requests;

    public Stories(History history, Redactor redactor) {
        this(history, redactor, Optional.empty());
    }

    /** With {@code requests}, an event's story also shows each delivery's request as sent. */
    public Stories(History history, Redactor redactor, Optional<RequestsShown> requests) {
        this.history = history;
        this.redactor = redactor;
        this.requests = requests;
    }

    /** The event as accepted, the routes that sent it somewhere, the contact, every delivery and attempt. */
    public Optional<Map<String, Object>> event(String id) {
        return history.event(id).map(raw -> {
            List<DeliveryView> deliveries = new ArrayList<>(history.find(DeliveryFilter.newest(1_000).withEventId(id)));
            List<Long> digests = history.digestDeliveries(id);
            for (long digest : digests) { // newest first, as find lists them
                if (deliveries.stream().noneMatch(d -> d.id() == digest)) {
                    history.delivery(digest).ifPresent(d -> deliveries.add(0, d));
                }
            }
            Map<String, Object> story = new LinkedHashMap<>();
            story.put("id", raw.id());
            story.put("event", redactor.shown(raw.type()));
            story.put("accepted_at", raw.receivedAt().toString());
            story.put("conversation_id", redactor.shown(raw.conversationId()));
            Optional<ChatDataEvent> parsed = parse(raw);
            story.put("chatbot_id", parsed.map(e -> redactor.shown(e.chatbotId())).orElse(null));
            story.put("size_bytes", raw.body().length);
            story.put("copies", history.copies(id));
            story.put("routes", deliveries.stream().map(DeliveryView::route).distinct().sorted().toList());
            story.put("routing", raw.routing().stream().map(redactor::shown).toList());
            story.put("contact", parsed.map(this::contact).orElse(null));
            story.put("claim", history.claim(id).map(this::claim).orElse(null));
            story.put("body", RequestsShown.received(raw, redactor));
            List<Map<String, Object>> stories = new ArrayList<>();
            for (int i = deliveries.size() - 1; i >= 0; i--) { // in the order they were made
                DeliveryView view = deliveries.get(i);
                Map<String, Object> delivery = withAttempts(view);
                boolean digest = digests.contains(view.id());
                delivery.put("digest", digest);
                // a digest's request holds many events: not this event's to show; an edit's or a notice's
                // is rendered from its target, which may hold a response_url: never shown
                if (!digest && (view.kind() == DeliveryKind.EVENT || view.kind() == DeliveryKind.FOLLOW_UP)) {
                    requests.ifPresent(r -> delivery.put("request",
                            r.sent(raw, String.valueOf(view.id()), view.destination(), view.route())));
                }
                stories.add(delivery);
            }
            story.put("digest_deliveries", digests);
            story.put("deliveries", stories);
            story.put("actions", history.actions(id).stream().map(Stories::action).toList());
            return story;
        });
    }

    /** Who took the escalation ({@code by}: the name shown in its messages), when, through which destination. */
    private Map<String, Object> claim(Claims.Claim claim) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("by", redactor.redact(claim.byName()));
        json.put("at", claim.at().toString());
        json.put("via", claim.via());
        return json;
    }

    /** An operator's action on one of the event's deliveries: what, on which, from where, when. */
    private static Map<String, Object> action(ActionView action) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("action", action.action());
        json.put("delivery", action.deliveryId());
        json.put("source", action.source());
        json.put("at", action.at().toString());
        return json;
    }

    /** One delivery with every attempt. */
    public Optional<Map<String, Object>> delivery(long id) {
        return history.delivery(id).map(this::withAttempts);
    }

    private Map<String, Object> withAttempts(DeliveryView view) {
        Map<String, Object> story = row(view);
        story.put("attempt_history", history.attempts(view.id()).stream().map(this::attempt).toList());
        return story;
    }

    /** A delivery as a list shows it: no contact details, only masked reasons. */
    public Map<String, Object> row(DeliveryView view) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", view.id());
        row.put("event_id", view.eventId());
        row.put("event", redactor.shown(view.eventType()));
        row.put("accepted_at", view.acceptedAt().toString());
        row.put("conversation_id", redactor.shown(view.conversationId()));
        row.put("destination", view.destination());
        row.put("route", view.route());
        row.put("kind", kind(view));
        row.put("status", view.status().name().toLowerCase(Locale.ROOT));
        row.put("attempts", view.attempts());
        row.put("last_status", view.lastStatus());
        row.put("last_reason", redactor.shown(view.lastReason()));
        row.put("last_attempt_at", text(view.lastAttemptAt()));
        row.put("next_attempt_at", text(view.nextAttemptAt()));
        row.put("updated_at", view.updatedAt().toString());
        return row;
    }

    /**
     * An event as a list shows it: no body; who it is about (a name, else the email or phone when
     * the event names nobody: what a search finds it by) and the first words of its message, with
     * any contact details in them masked; its deliveries' destinations and states.
     */
    public Map<String, Object> eventRow(EventSummary event) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", event.id());
        row.put("event", redactor.shown(event.type()));
        row.put("accepted_at", event.receivedAt().toString());
        row.put("conversation_id", redactor.shown(event.conversationId()));
        row.put("size_bytes", event.sizeBytes());
        row.put("who", event.who() == null ? null : redactor.redact(event.who())); // searched by, so shown whole
        row.put("excerpt", redactor.shown(event.excerpt()));
        row.put("deliveries", event.deliveries().stream().map(d -> {
            Map<String, Object> brief = new LinkedHashMap<>();
            brief.put("id", d.id());
            brief.put("destination", d.destination());
            brief.put("kind", kind(d));
            brief.put("status", d.status().name().toLowerCase(Locale.ROOT));
            brief.put("attempts", d.attempts());
            return brief;
        }).toList());
        return row;
    }

    private Map<String, Object> attempt(AttemptView attempt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("number", attempt.number());
        row.put("at", attempt.at().toString());
        row.put("duration_ms", attempt.took().toMillis());
        row.put("status", attempt.status());
        row.put("outcome", attempt.outcome());
        row.put("reason", redactor.shown(attempt.reason()));
        row.put("answer", redactor.shown(attempt.answer()));
        row.put("next_attempt_at", text(attempt.nextAttemptAt()));
        return row;
    }

    private Map<String, Object> contact(ChatDataEvent event) {
        Map<String, Object> contact = new LinkedHashMap<>();
        if (event instanceof ChatDataEvent.UserOnline online) {
            visitor(contact, online.visitor());
        } else if (event instanceof ChatDataEvent.UserOffline offline) {
            visitor(contact, offline.visitor());
        } else {
            Lead lead = lead(event);
            put(contact, "name", lead.name());
            put(contact, "email", lead.email());
            put(contact, "phone", lead.phone());
            lead.extra().forEach((key, value) -> put(contact, key, value));
        }
        return contact.isEmpty() ? null : contact;
    }

    private void visitor(Map<String, Object> contact, Visitor visitor) {
        if (visitor != null) {
            put(contact, "name", visitor.name());
            put(contact, "email", visitor.email());
            put(contact, "phone", visitor.phone());
        }
    }

    private static Lead lead(ChatDataEvent event) {
        if (event instanceof ChatDataEvent.LeadSubmission submission) {
            return submission.lead();
        } else if (event instanceof ChatDataEvent.LiveChatEscalation escalation) {
            return escalation.lead();
        } else if (event instanceof ChatDataEvent.Chat chat) {
            return chat.lead();
        }
        return Lead.NONE;
    }

    /** Contact details are shown here on purpose; only secrets are masked. */
    private void put(Map<String, Object> contact, String key, String value) {
        if (value != null && !value.isBlank()) {
            contact.put(redactor.redact(key), redactor.redact(value));
        }
    }

    private static Optional<ChatDataEvent> parse(RawEvent raw) {
        try {
            return Optional.of(EventParser.parseStored(raw.body(), raw.type()));
        } catch (MalformedEventException e) {
            return Optional.empty();
        }
    }

    /** {@code event}, {@code follow-up}, {@code edit} or {@code notice}. */
    static String kind(DeliveryView view) {
        return view.kind().label().orElse("event");
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /**
     * A {@code since} as users give it: a duration back from now ({@code 30m}, {@code 2h}, {@code 7d})
     * or an ISO-8601 instant ({@code 2026-11-24T12:00:00Z}).
     */
    public static Instant since(String text, Instant now) {
        Optional<java.time.Duration> back = Durations.parse(text);
        if (back.isPresent()) {
            try {
                return now.minus(back.get());
            } catch (java.time.DateTimeException | ArithmeticException e) {
                throw new IllegalArgumentException("since reaches back before any time there is");
            }
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be a duration like 30m, 2h, 7d or an instant like "
                    + "2026-11-24T12:00:00Z");
        }
    }
}
