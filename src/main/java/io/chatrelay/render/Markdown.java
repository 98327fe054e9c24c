package io.chatrelay.render;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Chat Data answers are Markdown. This parses them once with commonmark-java and renders the tree
 * in a platform's {@link Markup}: no regex rewriting, so nesting, code spans and escapes come out
 * right, and raw HTML in a message is shown as text, never passed through.
 *
 * <p>Bounded for any input: {@link Nesting} keeps the inline nesting commonmark-java parses shallow,
 * and the renderer recurses at most {@link #MAX_DEPTH} levels into the tree; anything nested deeper
 * is shown as its plain text, collected without recursion. 8,000 nested quotes render as
 * {@value #MAX_DEPTH} levels and the text.
 */
public final class Markdown {

    /** Longer input is cut before parsing: no platform shows more than a few thousand characters. */
    static final int MAX_INPUT = 20_000;
    /** Levels of the Markdown tree (blocks and inlines together) rendered as structure. */
    static final int MAX_DEPTH = 12;
    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(StrikethroughExtension.builder().requireTwoTildes(true).build())).build();

    private Markdown() {}

    public static String render(String markdown, Markup markup) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        String input = markdown.length() > MAX_INPUT ? cut(markdown) : markdown;
        return new Renderer(markup).blocks(PARSER.parse(Nesting.boundInlines(input)), 0).strip();
    }

    /** The first {@link #MAX_INPUT} characters, with the bidirectional isolates the cut left open closed. */
    private static String cut(String markdown) {
        String kept = markdown.substring(0, MAX_INPUT);
        return kept + io.chatrelay.render.Text.closingIsolates(kept);
    }

    private static final class Renderer {
        private final Markup markup;

        Renderer(Markup markup) {
            this.markup = markup;
        }

        String blocks(Node parent, int depth) {
            if (depth >= MAX_DEPTH) {
                return markup.text(PlainText.of(parent));
            }
            List<String> blocks = new ArrayList<>();
            for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
                String block = block(node, depth + 1);
                if (!block.isEmpty()) {
                    blocks.add(block);
                }
            }
            return String.join(parent instanceof ListItem ? "\n" : "\n\n", blocks);
        }

        private String block(Node node, int depth) {
            if (node instanceof Paragraph) {
                return inlines(node, depth);
            }
            if (node instanceof Heading) {
                return markup.heading(inlines(node, depth));
            }
            if (node instanceof BlockQuote) {
                return markup.quote(blocks(node, depth));
            }
            if (node instanceof BulletList || node instanceof OrderedList) {
                return list(node, depth);
            }
            if (node instanceof FencedCodeBlock fenced) {
                return markup.codeBlock(stripTrailingNewline(fenced.getLiteral()));
            }
            if (node instanceof IndentedCodeBlock indented) {
                return markup.codeBlock(stripTrailingNewline(indented.getLiteral()));
            }
            if (node instanceof HtmlBlock html) {
                return markup.text(stripTrailingNewline(html.getLiteral()));
            }
            if (node instanceof ThematicBreak) {
                return "———";
            }
            return inlines(node, depth);
        }

        private String list(Node list, int depth) {
            if (depth >= MAX_DEPTH) {
                return markup.text(PlainText.of(list));
            }
            List<String> items = new ArrayList<>();
            int number = list instanceof OrderedList ordered ? ordered.getMarkerStartNumber() == null ? 1
                    : ordered.getMarkerStartNumber() : 0;
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                String marker = list instanceof OrderedList ? (number++) + ". " : "• ";
                items.add(marker + blocks(item, depth + 1).replace("\n", "\n   "));
            }
            return String.join("\n", items);
        }

        private String inlines(Node parent, int depth) {
            if (depth >= MAX_DEPTH) {
                return markup.text(PlainText.of(parent));
            }
            StringBuilder out = new StringBuilder();
            for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
                out.append(inline(node, depth + 1));
            }
            return out.toString();
        }

        private String inline(Node node, int depth) {
            if (node instanceof Text text) {
                return markup.text(text.getLiteral());
            }
            if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
                return "\n";
            }
            if (node instanceof StrongEmphasis) {
                return markup.bold(inlines(node, depth));
            }
            if (node instanceof Emphasis) {
                return markup.italic(inlines(node, depth));
            }
            if (node instanceof Strikethrough) {
                return markup.strike(inlines(node, depth));
            }
            if (node instanceof Code code) {
                return markup.code(code.getLiteral());
            }
            if (node instanceof Link link) {
                return link(link.getDestination(), inlines(node, depth));
            }
            if (node instanceof Image image) {
                return link(image.getDestination(), inlines(node, depth));
            }
            if (node instanceof HtmlInline html) {
                return markup.text(html.getLiteral());
            }
            return inlines(node, depth);
        }

        private String link(String url, String label) {
            String shown = label.isBlank() ? markup.text(url) : label;
            return isSafe(url) ? markup.link(url, shown) : shown;
        }
    }

    /** Only links a reader can safely click: web and mail. */
    static boolean isSafe(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:");
    }

    private static String stripTrailingNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
