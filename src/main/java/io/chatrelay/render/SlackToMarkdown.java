package io.chatrelay.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Slack message's text (as the Events API delivers it) as Markdown, for a reply that goes to the
 * visitor: {@code *b*} becomes {@code **b**}, {@code _i_} {@code *i*}, {@code ~s~} {@code ~~s~~},
 * {@code <url|label>} {@code [label](url)}, {@code <url>} the URL, {@code <@U…>} {@code @Name}
 * (through {@code userName}, else the raw id), {@code <#C…|name>} {@code #name}, {@code <!here>}
 * {@code @here} as plain text; {@code &amp;}, {@code &lt;} and {@code &gt;} are decoded last.
 * Code spans and blocks keep their text as typed. A marker that formats nothing in Slack (no
 * partner, or inside a word) stays a character: it is backslash-escaped so Markdown shows it too.
 * Pure, and linear in the text's length whatever it holds.
 */
public final class SlackToMarkdown {

    /** Stands for a piece already converted (code, a link, a mention): never in the input (a noncharacter). */
    private static final char OPEN = '\uFDD0';
    private static final char CLOSE = '\uFDD1';
    private static final Pattern PIECE = Pattern.compile(OPEN + "(\\d+)" + CLOSE);
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt);");
    private static final String LITERAL = "\\*_~`";

    private SlackToMarkdown() {}

    /** {@code userName}: the name shown for a user id ({@code users.info}'s display name), if known. */
    public static String convert(String slack, Function<String, Optional<String>> userName) {
        String text = slack.replace(String.valueOf(OPEN), "").replace(String.valueOf(CLOSE), "");
        List<String> pieces = new ArrayList<>();
        String marked = protect(text, pieces, userName);
        String converted = new Emphasis(marked).convert(0, marked.length(), 0);
        Matcher piece = PIECE.matcher(converted);
        StringBuilder out = new StringBuilder();
        while (piece.find()) {
            piece.appendReplacement(out, Matcher.quoteReplacement(pieces.get(Integer.parseInt(piece.group(1)))));
        }
        piece.appendTail(out);
        String markdown = decode(out.toString());
        // a block that ends the message ends its own line; the message itself need not
        return markdown.endsWith("\n") && !slack.endsWith("\n") ? markdown.substring(0, markdown.length() - 1)
                : markdown;
    }

    /** Code, links, mentions and channels replaced by stand-ins for their Markdown, which formatting never touches. */
    private static String protect(String text, List<String> pieces, Function<String, Optional<String>> userName) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end;
            if (text.startsWith("```", i) && (end = text.indexOf("```", i + 3)) > i + 3) {
                out.append(stand(pieces, codeBlock(text.substring(i + 3, end), out)));
                i = end + 3;
            } else if (text.charAt(i) == '`' && (end = closingOnLine(text, i + 1, '`')) > i + 1) {
                out.append(stand(pieces, text.substring(i, end + 1)));
                i = end + 1;
            } else if (text.charAt(i) == '<' && (end = closingOnLine(text, i + 1, '>')) > i + 1) {
                out.append(stand(pieces, angle(text.substring(i + 1, end), userName)));
                i = end + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private static String stand(List<String> pieces, String markdown) {
        pieces.add(markdown);
        return OPEN + Integer.toString(pieces.size() - 1) + CLOSE;
    }

    /** The index of {@code close} after {@code from} on the same line, or -1. */
    private static int closingOnLine(String text, int from, char close) {
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == close) {
                return j;
            }
            if (c == '\n' || close == '>' && c == '<') {
                return -1;
            }
        }
        return -1;
    }

    /** One line stays a code span; several lines become a fenced block on lines of its own. */
    private static String codeBlock(String code, CharSequence before) {
        if (code.indexOf('\n') < 0) {
            return "```" + code + "```";
        }
        String body = code.startsWith("\n") ? code.substring(1) : code;
        boolean lineStart = before.length() == 0 || before.charAt(before.length() - 1) == '\n';
        return (lineStart ? "" : "\n") + "```\n" + body + (body.endsWith("\n") ? "" : "\n") + "```\n";
    }

    /** {@code <…>}: a mention, a channel, a special mention, or a link. */
    private static String angle(String inside, Function<String, Optional<String>> userName) {
        int bar = inside.indexOf('|');
        String target = bar < 0 ? inside : inside.substring(0, bar);
        Optional<String> label = bar < 0 ? Optional.empty() : Optional.of(inside.substring(bar + 1))
                .filter(l -> !l.isBlank());
        if (target.startsWith("@")) {
            String id = target.substring(1);
            return "@" + literal(userName.apply(id).filter(n -> !n.isBlank()).or(() -> label).orElse(id));
        }
        if (target.startsWith("#")) {
            return "#" + literal(label.orElse(target.substring(1)));
        }
        if (target.startsWith("!")) {
            String special = target.substring(1);
            return literal(label.orElse(special.startsWith("subteam^") || special.startsWith("date^")
                    ? special : "@" + special));
        }
        if (label.isEmpty()) {
            return target;
        }
        String url = target.matches(".*[\\s()<>].*") ? "<" + target + ">" : target;
        return "[" + literal(label.get()).replace("[", "\\[").replace("]", "\\]") + "](" + url + ")";
    }

    /**
     * Slack's bold, italic and strikethrough as Markdown. Where each marker's partner is, is worked out
     * once for the whole text, so a line full of markers costs no more than a line of letters.
     */
    private static final class Emphasis {

        /** Deeper than this, markers stay characters: no input makes the conversion recurse without end. */
        private static final int MAX_DEPTH = 16;
        private final String text;
        /** Per marker ({@code *}, {@code _}, {@code ~}): the first position at or after i that can close one, or -1. */
        private final int[][] nextCloser = new int[3][];

        Emphasis(String text) {
            this.text = text;
            for (int m = 0; m < 3; m++) {
                char marker = "*_~".charAt(m);
                int[] next = new int[text.length() + 1];
                next[text.length()] = -1;
                for (int j = text.length() - 1; j >= 0; j--) {
                    char c = text.charAt(j);
                    next[j] = c == '\n' ? -1 : c == marker && closes(j) ? j : next[j + 1];
                }
                nextCloser[m] = next;
            }
        }

        String convert(int from, int to, int depth) {
            StringBuilder out = new StringBuilder(to - from);
            int i = from;
            while (i < to) {
                char c = text.charAt(i);
                int m = "*_~".indexOf(c);
                int close = m >= 0 && depth < MAX_DEPTH && opens(i, from, to) ? nextCloser[m][i + 2] : -1;
                if (close > 0 && close < to) {
                    String marker = c == '*' ? "**" : c == '_' ? "*" : "~~";
                    out.append(marker).append(convert(i + 1, close, depth + 1)).append(marker);
                    i = close + 1;
                } else {
                    out.append(LITERAL.indexOf(c) >= 0 ? "\\" + c : String.valueOf(c));
                    i++;
                }
            }
            return out.toString();
        }

        private boolean opens(int i, int from, int to) {
            boolean afterBoundary = i == from || !isWord(text.charAt(i - 1));
            return afterBoundary && i + 2 < to && !Character.isWhitespace(text.charAt(i + 1));
        }

        /** After a non-space, and not before a letter or digit: the end of a range always counts as a boundary. */
        private boolean closes(int j) {
            return j > 0 && !Character.isWhitespace(text.charAt(j - 1))
                    && (j + 1 == text.length() || !isWord(text.charAt(j + 1)));
        }
    }

    /** A letter, a digit or a converted piece: a marker next to one is inside a word. */
    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == OPEN || c == CLOSE;
    }

    private static String decode(String text) {
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (entity.find()) {
            String name = entity.group(1);
            entity.appendReplacement(out, Matcher.quoteReplacement(name.equals("amp") ? "&" : name.equals("lt") ? "<" : ">"));
        }
        entity.appendTail(out);
        return out.toString();
    }

    private static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(LITERAL.indexOf(c) >= 0 ? "\\" : "").append((char) c));
        return out.toString();
    }
}
