package io.chatrelay.render;

/**
 * Keeps Markdown's inline nesting shallow before commonmark-java parses it. commonmark's inline
 * parser recurses once per level of nested emphasis, links and images (when it merges text
 * nodes), so {@code ******…x…******} of a few thousand characters overflows the stack inside
 * {@code Parser.parse}. Every nesting level needs at least one opening {@code *}, {@code _} or
 * {@code [} or {@code ~} of its own paragraph; past {@link #MAX_OPENERS} of them in one paragraph the rest are
 * backslash-escaped, so they show as typed. Ordinary text, even a long answer with many bold words,
 * stays far below the bound; code is counted too (telling code from text needs the parser this
 * protects), so a pathological paragraph of code may show a backslash before its 201st bracket.
 * Block nesting (quotes, lists) needs no help here: commonmark parses blocks without recursion,
 * and {@link Markdown} renders at most {@link Markdown#MAX_DEPTH} levels.
 */
final class Nesting {

    /** Opening emphasis characters and brackets allowed per paragraph: the deepest inline nesting possible. */
    static final int MAX_OPENERS = 200;

    private Nesting() {}

    static String boundInlines(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length() + 16);
        int openers = 0;
        int start = 0;
        while (start < markdown.length()) {
            int newline = markdown.indexOf('\n', start);
            int end = newline < 0 ? markdown.length() : newline + 1;
            String line = markdown.substring(start, end);
            start = end;
            if (line.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
                openers = 0; // no paragraph goes on past a blank line (CommonMark's: spaces and tabs only)
                out.append(line);
            } else {
                openers = boundLine(line, openers, out);
            }
        }
        return out.toString();
    }

    /** Appends {@code line} with openers past the bound escaped; returns the paragraph's count so far. */
    private static int boundLine(String line, int openers, StringBuilder out) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                out.append(line, i, i + 2);
                i += 2;
            } else if (c == '*' || c == '_' || c == '~') { // ~~strike~~ nests like emphasis
                int end = i;
                while (end < line.length() && line.charAt(end) == c) {
                    end++;
                }
                boolean opens = leftFlanking(line, i, end);
                int kept = opens ? Math.min(end - i, MAX_OPENERS - openers) : end - i;
                openers += opens ? kept : 0;
                out.append(line, i, i + kept);
                for (int k = i + kept; k < end; k++) {
                    out.append('\\').append(c);
                }
                i = end;
            } else if (c == '[') {
                out.append(openers < MAX_OPENERS ? "[" : "\\[");
                openers = Math.min(openers + 1, MAX_OPENERS);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return openers;
    }

    /** CommonMark's rule for a delimiter run that may open emphasis, on code points as commonmark-java reads them. */
    private static boolean leftFlanking(String line, int start, int end) {
        if (end >= line.length() || isWhitespace(line.codePointAt(end))) {
            return false;
        }
        if (!isPunctuation(line.codePointAt(end))) {
            return true;
        }
        int before = start == 0 ? '\n' : line.codePointBefore(start);
        return isWhitespace(before) || isPunctuation(before);
    }

    /** As commonmark-java's {@code Characters.isWhitespaceCodePoint}. */
    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    /** As commonmark-java's {@code Characters.isPunctuationCodePoint}: Unicode punctuation and symbols. */
    private static boolean isPunctuation(int c) {
        int type = Character.getType(c);
        return type >= Character.DASH_PUNCTUATION && type <= Character.FINAL_QUOTE_PUNCTUATION
                || "$+<=>^`|~".indexOf(c) >= 0;
    }
}
