package io.chatrelay.render;

/** Text helpers every platform needs. Lengths are UTF-16 units, which never undercount characters. */
public final class Text {

    public static final String ELLIPSIS = "…";

    private Text() {}

    /**
     * At most {@code max} characters, cut with {@code …} when longer. Never splits a surrogate pair
     * (an emoji), an {@code &...;} entity that an escaper produced, or a {@code <...>} link or tag,
     * and closes the bidirectional isolates the cut left open.
     */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        if (max < 1) {
            return "";
        }
        int budget = max - ELLIPSIS.length();
        String kept = cut(text, budget);
        String closing = closingIsolates(kept);
        while (!closing.isEmpty() && kept.length() + closing.length() > max - ELLIPSIS.length()) {
            budget = Math.min(budget - 1, max - ELLIPSIS.length() - closing.length());
            kept = cut(text, budget);
            closing = closingIsolates(kept);
        }
        return kept + closing + ELLIPSIS;
    }

    /**
     * The PDIs (U+2069) that close the bidirectional isolates {@code text} leaves open on its last
     * line: visitor text comes isolated, and a cut through it must not let it reorder what follows.
     */
    public static String closingIsolates(CharSequence text) {
        int open = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u2066' && c <= '\u2068') {
                open++;
            } else if (c == '\u2069' && open > 0) {
                open--;
            } else if (c == '\n' || c == '\r' || c == '\u2029') { // a new paragraph: UAX #9 closed them all
                open = 0;
            }
        }
        return "\u2069".repeat(open);
    }

    /** The first {@code budget} characters at most, at a place where cutting breaks nothing. */
    private static String cut(String text, int budget) {
        int end = budget;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int amp = text.lastIndexOf('&', end - 1);
        if (amp >= 0 && end - amp < 10 && text.indexOf(';', amp) >= end) {
            end = amp;
        }
        int open = text.lastIndexOf('<', end - 1);
        if (open >= 0 && text.indexOf('>', open) >= end) {
            end = open; // never leave half a <link|label> or <tag>
        }
        return text.substring(0, Math.max(0, end));
    }

    /** The value, or {@code fallback} when it is null or blank. */
    public static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Collapses runs of whitespace (including newlines) into single spaces, for one-line fields. */
    public static String oneLine(String text) {
        return text == null ? null : text.strip().replaceAll("\\s+", " ");
    }
}
