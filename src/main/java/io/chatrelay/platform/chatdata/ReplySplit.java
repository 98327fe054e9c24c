package io.chatrelay.platform.chatdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts an agent's reply that is longer than Chat Data accepts into several messages, each within the
 * limit, at the best boundary the text offers: a paragraph break, else a line break, else a space,
 * else (one long word) at the limit, never between the two halves of a surrogate pair. Nothing is
 * dropped but the whitespace at a cut; the parts read in order as the whole reply. A fenced code
 * block that a cut divides is closed at the end of the one part and opened again (with its
 * language) at the start of the next, so that both show code.
 */
public final class ReplySplit {

    /**
     * The longest message sent as one, in UTF-16 code units (what a JavaScript server counts as a
     * string's length): Chat Data does not document its limit, so a size every chat widget shows whole.
     */
    public static final int LIMIT = 4_000;

    /** Below this, a limit leaves no room to close and reopen a code block in each part. */
    private static final int MIN_FOR_FENCES = 64;
    private static final String CLOSING_FENCE = "\n```";

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
            Optional<String> fence = openFence(rest.substring(0, cut), limit);
            if (fence.isPresent()) {
                // a code block cut in two: each part closes or opens it, so both still show code
                cut = cut(rest, limit - CLOSING_FENCE.length());
                int shortest = cut;
                // only while the part takes the reply further than the fence line repeated in the next
                fence = openFence(rest.substring(0, cut), limit).filter(f -> shortest > f.length() + 1);
            }
            String part = rest.substring(0, cut).stripTrailing();
            if (part.isEmpty()) { // indentation as long as the limit: no part can keep it
                rest = rest.stripLeading();
                continue;
            }
            parts.add(fence.map(f -> part + CLOSING_FENCE).orElse(part));
            String next = afterCut(rest.substring(cut));
            rest = fence.map(f -> f + "\n" + next).orElse(next);
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
     * The line that opened a fenced code block the text leaves open ({@code ```java}), if it does and
     * the limit leaves room to repeat it: each part must still take the reply further.
     */
    private static Optional<String> openFence(String text, int limit) {
        if (limit < MIN_FOR_FENCES) {
            return Optional.empty();
        }
        Optional<String> open = Optional.empty();
        for (String line : text.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                open = open.isPresent() ? Optional.empty() : Optional.of(line.strip());
            }
        }
        return open.filter(fence -> fence.length() <= limit / 4);
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
