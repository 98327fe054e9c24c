package io.chatrelay.render;

/** Text helpers every platform needs. Lengths are UTF-16 units, which never undercount characters. */
public final class Text {

    public static final String ELLIPSIS = "…";

    private Text() {}

    /**
     * At most {@code max} characters, cut with {@code …} when longer. Never splits a surrogate pair
     * (an emoji), an {@code &...;} entity that an escaper produced, or a {@code <...>} link or tag.
     */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        if (max < 1) {
            return "";
        }
        int end = max - ELLIPSIS.length();
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
        return text.substring(0, Math.max(0, end)) + ELLIPSIS;
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
