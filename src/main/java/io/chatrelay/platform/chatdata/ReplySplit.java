package io.chatrelay.platform.chatdata;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an agent's reply that is longer than Chat Data accepts into several messages, each within the
 * limit, at the best boundary the text offers: a paragraph break, else a line break, else a space,
 * else (one long word) at the limit, never between the two halves of a surrogate pair. Nothing is
 * dropped but the whitespace at a cut; the parts read in order as the whole reply.
 */
public final class ReplySplit {

    /**
     * The longest message sent as one, in UTF-16 code units (what a JavaScript server counts as a
     * string's length): Chat Data does not document its limit, so a size every chat widget shows whole.
     */
    public static final int LIMIT = 4_000;

    private ReplySplit() {}

    /** {@link #parts(String, int)} at {@link #LIMIT}. */
    public static List<String> parts(String text) {
        return parts(text, LIMIT);
    }

    /**
     * The messages {@code text} is sent as: one when it fits, none when it is only whitespace; no
     * part is blank or longer than {@code limit}.
     */
    public static List<String> parts(String text, int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("a limit must leave room for a surrogate pair, got " + limit);
        }
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > limit) {
            int cut = cut(rest, limit);
            parts.add(rest.substring(0, cut).stripTrailing());
            rest = afterCut(rest.substring(cut));
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return List.copyOf(parts);
    }

    /** Where to cut a text longer than {@code limit}: the end of the first part, before any whitespace at the cut. */
    private static int cut(String text, int limit) {
        int half = limit / 2;
        int paragraph = text.lastIndexOf("\n\n", limit);
        if (paragraph >= half) {
            return paragraph;
        }
        int line = text.lastIndexOf('\n', limit);
        if (line >= half) {
            return line;
        }
        for (int i = limit; i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return Character.isLowSurrogate(text.charAt(limit)) && Character.isHighSurrogate(text.charAt(limit - 1))
                ? limit - 1 : limit;
    }

    /**
     * The next part's text: the whitespace at the cut dropped up to and including its last line
     * break, so an indented line keeps its indentation.
     */
    private static String afterCut(String rest) {
        int start = 0;
        int afterBreak = -1;
        while (start < rest.length() && Character.isWhitespace(rest.charAt(start))) {
            if (rest.charAt(start) == '\n') {
                afterBreak = start + 1;
            }
            start++;
        }
        return rest.substring(afterBreak >= 0 ? afterBreak : start);
    }
}
