package io.chatrelay.store;

import java.time.Instant;

/**
 * Which events to list, newest first: {@link #newest} up to a limit, narrowed by the {@code with}
 * methods. A condition given as null, or not given, matches any event. {@code destination} and
 * {@code status} select events with at least one delivery that has both. {@code before} is a
 * cursor: only events with a smaller id (ids are time-ordered). {@code search} finds events by who
 * they are about (see {@link #withSearch}).
 */
public record EventFilter(String type, String destination, DeliveryStatus status, String conversation,
                          Instant since, String before, int limit, String search) {

    /** Any event, at most {@code limit} of them. */
    public static EventFilter newest(int limit) {
        return new EventFilter(null, null, null, null, null, null, limit, null);
    }

    public EventFilter withType(String value) {
        return new EventFilter(value, destination, status, conversation, since, before, limit, search);
    }

    public EventFilter withDestination(String value) {
        return new EventFilter(type, value, status, conversation, since, before, limit, search);
    }

    public EventFilter withStatus(DeliveryStatus value) {
        return new EventFilter(type, destination, value, conversation, since, before, limit, search);
    }

    public EventFilter withConversation(String value) {
        return new EventFilter(type, destination, status, value, since, before, limit, search);
    }

    public EventFilter withSince(Instant value) {
        return new EventFilter(type, destination, status, conversation, value, before, limit, search);
    }

    public EventFilter withBefore(String value) {
        return new EventFilter(type, destination, status, conversation, since, value, limit, search);
    }

    /**
     * Events about someone or something: a lead's or visitor's name (or a word of it), email (or its
     * domain) or phone, by the start of it and in any case; the conversation id, exactly; or the
     * start of the event's id, {@value EventSearch#ID_PREFIX} characters or more. Blank is no search.
     */
    public EventFilter withSearch(String value) {
        return new EventFilter(type, destination, status, conversation, since, before, limit,
                value == null || value.isBlank() ? null : value.strip());
    }
}
