package io.chatrelay.render;

/**
 * The emphasis Slack, WhatsApp and Google Chat share: {@code *bold*}, {@code _italic_} and
 * {@code ~strike~}, each wrapped around already rendered text; nothing is wrapped around blanks,
 * which those platforms would show as bare markers.
 */
public abstract class StarMarkup implements Markup {

    private static final char ZERO_WIDTH_SPACE = '\u200B';

    @Override
    public final String bold(String inner) {
        return wrap("*", inner);
    }

    @Override
    public final String italic(String inner) {
        return wrap("_", inner);
    }

    @Override
    public final String strike(String inner) {
        return wrap("~", inner);
    }

    private static String wrap(String marker, String inner) {
        return inner.isBlank() ? inner : marker + inner + marker;
    }

    /**
     * Text from an event for a platform with no escape character: a zero-width space follows each
     * of {@code markers}, so no pair of them can form markup and the text shows as typed.
     */
    protected static String breakingAfter(String raw, String markers) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(raw.length() + 8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            out.append(c);
            if (markers.indexOf(c) >= 0) {
                out.append(ZERO_WIDTH_SPACE);
            }
        }
        return out.toString();
    }
}
