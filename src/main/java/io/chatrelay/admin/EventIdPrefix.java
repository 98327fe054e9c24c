package io.chatrelay.admin;

import io.chatrelay.store.EventFilter;
import io.chatrelay.store.EventSummary;
import io.chatrelay.store.History;
import java.util.List;
import java.util.Locale;

/**
 * An event id given by a prefix, as the lists show them: the one event whose id starts with it.
 * Ids are time-ordered lowercase hex, so the ids with a prefix are those just below the prefix's
 * successor, and the store's list cursor finds them with no query of its own.
 */
public final class EventIdPrefix {

    public static final int MIN = 8;
    private static final String HEX = "0123456789abcdef";

    private EventIdPrefix() {}

    /** The whole id of the one event whose id starts with {@code given}; one clear line when not one. */
    public static String resolve(History history, String given) {
        String prefix = given.trim().toLowerCase(Locale.ROOT);
        if (prefix.length() >= 36 || history.event(prefix).isPresent()) {
            return prefix;
        }
        if (prefix.length() < MIN || !prefix.matches("[0-9a-f-]+")) {
            throw new IllegalArgumentException("no event " + given.trim() + " (give the whole id or its first "
                    + MIN + " characters or more)");
        }
        List<String> below = history.events(EventFilter.newest(2).withBefore(successor(prefix))).stream()
                .map(EventSummary::id).filter(id -> id.startsWith(prefix)).toList();
        if (below.isEmpty()) {
            throw new IllegalArgumentException("no event " + given.trim());
        }
        if (below.size() > 1) {
            throw new IllegalArgumentException("more than one event starts with " + given.trim()
                    + "; give more of the id (events list --wide shows them whole)");
        }
        return below.get(0);
    }

    /**
     * The smallest id-shaped text above every id that starts with {@code prefix} ("0192f0c4" gives
     * "0192f0c5", "0192f0cf" gives "0192f0d"); null when there is none (all f), then any id will do.
     */
    static String successor(String prefix) {
        String digits = prefix.endsWith("-") ? prefix.substring(0, prefix.length() - 1) : prefix;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int at = HEX.indexOf(digits.charAt(i));
            if (at >= 0 && at < HEX.length() - 1) { // an f or a dash carries into the digit before it
                return digits.substring(0, i) + HEX.charAt(at + 1);
            }
        }
        return null;
    }
}
