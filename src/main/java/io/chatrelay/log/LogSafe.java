package io.chatrelay.log;

/**
 * Makes a value that came from outside (a request, a receiver's answer, a stored event) safe to put
 * into a log line: control characters and line separators are escaped, so no value can start a
 * line of its own, and long values are cut, so no value can flood the log. Every log call that
 * includes such a value passes it through {@link #value}.
 */
public final class LogSafe {

    /** Longer values are cut: enough for an error message or an excerpt, never a whole body. */
    public static final int MAX_LENGTH = 200;

    private LogSafe() {}

    /** {@code value} as one short line: {@code \n}, {@code \r}, {@code \t} and other controls escaped, cut at {@link #MAX_LENGTH}. */
    public static String value(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        int end = Math.min(text.length(), MAX_LENGTH);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder safe = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            escape(text.charAt(i), safe);
        }
        if (end < text.length()) {
            safe.append("…(").append(text.length()).append(" chars)");
        }
        return safe.toString();
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (Character.isISOControl(c) || isInvisibleLayout(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }

    /** Line and paragraph separators and bidirectional overrides: they move or hide text on a terminal. */
    private static boolean isInvisibleLayout(char c) {
        return c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
