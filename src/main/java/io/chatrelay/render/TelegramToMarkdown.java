package io.chatrelay.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Telegram message's text and entities (as the Bot API delivers them) as Markdown, for a reply
 * that goes to the visitor: {@code bold} {@code **…**}, {@code italic} {@code *…*},
 * {@code strikethrough} {@code ~~…~~}, {@code code} a code span, {@code pre} a fenced block,
 * {@code text_link} {@code [text](url)}, {@code url} the address as typed, {@code blockquote} quoted
 * lines; any other entity (mentions, hashtags, underline, spoiler) is its text. Offsets and lengths
 * count UTF-16 code units, as Java's strings do. Entities nest; one that crosses another's edge,
 * reaches past the text or splits a surrogate pair is ignored, its text kept. Characters that
 * would format in Markdown but were typed as text are backslash-escaped. Pure.
 */
public final class TelegramToMarkdown {

    /** One of a message's {@code entities}: {@code url} for a text_link, {@code language} for a pre. */
    public record Entity(String type, int offset, int length, Optional<String> url, Optional<String> language) {

        public Entity {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(language, "language");
        }

        public Entity(String type, int offset, int length) {
            this(type, offset, length, Optional.empty(), Optional.empty());
        }

        int end() {
            return offset + length;
        }
    }

    private static final String LITERAL = "\\*_~`";

    /** An entity and the entities inside it. */
    private record Node(Entity entity, List<Node> children) {}

    private TelegramToMarkdown() {}

    public static String convert(String text, List<Entity> entities) {
        String markdown = render(text, 0, text.length(), tree(text, entities));
        // a block that ends the message ends its own line; the message itself need not
        return markdown.endsWith("\n") && !text.endsWith("\n") ? markdown.substring(0, markdown.length() - 1)
                : markdown;
    }

    /** The entities as a tree: sorted by start, the longer first; one crossing its parent's edge left out. */
    private static List<Node> tree(String text, List<Entity> entities) {
        List<Entity> sorted = entities.stream().filter(e -> fits(text, e))
                .sorted(Comparator.comparingInt(Entity::offset).thenComparing(Comparator.comparingInt(Entity::length)
                        .reversed())).toList();
        List<Node> roots = new ArrayList<>();
        Deque<Node> open = new ArrayDeque<>();
        for (Entity entity : sorted) {
            while (!open.isEmpty() && open.peek().entity().end() <= entity.offset()) {
                open.pop();
            }
            if (!open.isEmpty() && entity.end() > open.peek().entity().end()) {
                continue; // crosses the edge of the entity it starts in
            }
            Node node = new Node(entity, new ArrayList<>());
            (open.isEmpty() ? roots : open.peek().children()).add(node);
            open.push(node);
        }
        return roots;
    }

    private static boolean fits(String text, Entity e) {
        return e.offset() >= 0 && e.length() > 0 && e.end() <= text.length() && !splitsPair(text, e.offset())
                && !splitsPair(text, e.end());
    }

    private static boolean splitsPair(String text, int at) {
        return at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))
                && Character.isLowSurrogate(text.charAt(at));
    }

    private static String render(String text, int from, int to, List<Node> nodes) {
        StringBuilder out = new StringBuilder(to - from + 16);
        int at = from;
        for (Node node : nodes) {
            out.append(literal(text.substring(at, node.entity().offset())));
            out.append(entity(text, node, out));
            at = node.entity().end();
        }
        return out.append(literal(text.substring(at, to))).toString();
    }

    private static String entity(String text, Node node, CharSequence before) {
        Entity e = node.entity();
        String raw = text.substring(e.offset(), e.end());
        return switch (e.type()) {
            case "bold" -> wrap("**", inner(text, node));
            case "italic" -> wrap("*", inner(text, node));
            case "strikethrough" -> wrap("~~", inner(text, node));
            case "code" -> codeSpan(raw);
            case "pre" -> fenced(raw, e.language().orElse(""), before);
            case "url" -> raw;
            case "text_link" -> e.url().filter(url -> !url.isBlank())
                    .map(url -> "[" + inner(text, node).replace("[", "\\[").replace("]", "\\]") + "]("
                            + (url.matches(".*[\\s()<>].*") ? "<" + url + ">" : url) + ")")
                    .orElse(inner(text, node));
            case "blockquote", "expandable_blockquote" -> quote(inner(text, node), before);
            default -> inner(text, node);
        };
    }

    private static String inner(String text, Node node) {
        return render(text, node.entity().offset(), node.entity().end(), node.children());
    }

    /** Markers around the text, its surrounding whitespace kept outside (Markdown needs them against the words). */
    private static String wrap(String marker, String inner) {
        String stripped = inner.strip();
        if (stripped.isEmpty()) {
            return inner;
        }
        int lead = inner.indexOf(stripped);
        return inner.substring(0, lead) + marker + stripped + marker + inner.substring(lead + stripped.length());
    }

    private static String codeSpan(String code) {
        String fence = "`".repeat(longestRun(code, '`') + 1);
        boolean pad = code.startsWith("`") || code.endsWith("`");
        return fence + (pad ? " " : "") + code + (pad ? " " : "") + fence;
    }

    private static String fenced(String code, String language, CharSequence before) {
        String fence = "`".repeat(Math.max(3, longestRun(code, '`') + 1));
        boolean lineStart = before.length() == 0 || before.charAt(before.length() - 1) == '\n';
        return (lineStart ? "" : "\n") + fence + language.strip() + "\n" + code + (code.endsWith("\n") ? "" : "\n")
                + fence + "\n";
    }

    private static String quote(String inner, CharSequence before) {
        boolean lineStart = before.length() == 0 || before.charAt(before.length() - 1) == '\n';
        return (lineStart ? "" : "\n") + "> " + inner.replace("\n", "\n> ") + "\n";
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(LITERAL.indexOf(c) >= 0 ? "\\" : "").append((char) c));
        return out.toString();
    }
}
