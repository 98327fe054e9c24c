package io.chatrelay.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that a Markdown renderer (Discord, Teams) must show exactly as typed: every character that
 * could start a link, a mention, a tag or formatting is backslash-escaped, so
 * {@code [Verify your account](https://evil.example)} shows as those characters and links nowhere.
 * A bare web address is left as it is: it shows (and links) as itself, never behind other words.
 */
public final class LiteralMarkdown {

    /** Escaped anywhere in a line ({@code (} cannot start a link once {@code [} and {@code ]} are escaped). */
    private static final String INLINE = "\\`*_~|<>[]";
    private static final Pattern BARE_URL = Pattern.compile("https?://[^\\s<>\\[\\]()\\\\`|]+");

    private LiteralMarkdown() {}

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher url = BARE_URL.matcher(text);
        int urlStart = url.find() ? url.start() : -1;
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            if (i == urlStart) {
                out.append(url.group());
                i = url.end() - 1;
                urlStart = url.find() ? url.start() : -1;
                lineStart = false;
                continue;
            }
            char c = text.charAt(i);
            if (INLINE.indexOf(c) >= 0 || lineStart && startsBlock(text, i) || c == '.' && orderedMarker(text, i)) {
                out.append('\\');
            }
            out.append(c);
            lineStart = c == '\n' || lineStart && (c == ' ' || c == '\t');
        }
        return out.toString();
    }

    /** A heading, a quote or a list item where a line starts. */
    private static boolean startsBlock(String text, int i) {
        char c = text.charAt(i);
        return c == '#' || c == '>' || (c == '-' || c == '+') && followedBySpace(text, i);
    }

    private static boolean followedBySpace(String text, int i) {
        return i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1));
    }

    /** The dot of {@code 12. } at the start of a line would make an ordered list. */
    private static boolean orderedMarker(String text, int dot) {
        if (!followedBySpace(text, dot)) {
            return false;
        }
        int i = dot - 1;
        while (i >= 0 && Character.isDigit(text.charAt(i))) {
            i--;
        }
        if (i == dot - 1) {
            return false;
        }
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i < 0 || text.charAt(i) == '\n';
    }
}
