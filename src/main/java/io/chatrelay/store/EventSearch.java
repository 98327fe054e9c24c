package io.chatrelay.store;

import io.chatrelay.event.EventFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a search names, newest first, before any other filter: those with a term (see
 * {@link EventFacts}) that starts with the search, lower-cased (a phone number also by its digits
 * alone), those of the conversation it names, and those whose id starts with it. Each is a range
 * of an index ({@code event_terms}' key, {@code events_conversation}, the events' key), so a search
 * costs what it finds, not what the store holds; the list reads them a chunk at a time.
 */
final class EventSearch {

    /** The fewest characters of an event id that find it by its start. */
    static final int ID_PREFIX = 8;
    /** Above every character, as UTF-8 bytes and as UTF-16: the end of the range of a prefix. */
    private static final String LAST = "\uDBFF\uDFFF";
    private static final String HEX = "0123456789abcdef";

    private EventSearch() {}

    /** Up to {@code max} ids of the events the search names, newest first, below {@code before} when set. */
    static Query candidates(String search, String before, int max) {
        String term = EventFacts.normalise(search);
        List<String> branches = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (String prefix : prefixes(search, term)) {
            Where where = new Where().and("t.term >= ? AND t.term < ?", prefix, prefix + LAST)
                    .andIfSet("t.event_id < ?", before);
            branches.add("SELECT t.event_id AS id FROM event_terms t" + where);
            parameters.addAll(where.parameters());
        }
        Where conversation = new Where().and("e.conversation_id IN (?, ?)", search, term)
                .andIfSet("e.id < ?", before);
        branches.add("SELECT e.id AS id FROM events e" + conversation);
        parameters.addAll(conversation.parameters());
        if (term.length() >= ID_PREFIX && term.matches("[0-9a-f-]+")) {
            Where id = new Where().and("e.id >= ?", term).andIfSet("e.id < ?", successor(term))
                    .andIfSet("e.id < ?", before);
            branches.add("SELECT e.id AS id FROM events e" + id);
            parameters.addAll(id.parameters());
        }
        parameters.add(max);
        return new Query(String.join(" UNION ", branches) + " ORDER BY 1 DESC LIMIT ?", parameters);
    }

    /** The search as a term, and a phone number's digits alone when it looks like one. */
    private static List<String> prefixes(String search, String term) {
        String digits = search.replaceAll("[^0-9]", "");
        return search.matches("[0-9+()./ -]+") && digits.length() >= 3 && !digits.equals(term)
                ? List.of(term, digits) : List.of(term);
    }

    /**
     * The smallest id-shaped text above every id that starts with {@code prefix} ("0192f0c4" gives
     * "0192f0c5", "0192f0cf" gives "0192f0d"); null when there is none (all f).
     */
    static String successor(String prefix) {
        String digits = prefix.endsWith("-") ? prefix.substring(0, prefix.length() - 1) : prefix;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int at = HEX.indexOf(digits.charAt(i));
            if (at >= 0 && at < HEX.length() - 1) {
                return digits.substring(0, i) + HEX.charAt(at + 1);
            }
        }
        return null;
    }
}
