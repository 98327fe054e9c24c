package io.chatrelay.render;

import java.util.ArrayDeque;
import java.util.Deque;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/** The text of a Markdown subtree without its markup, collected with a loop: as deep as the tree may be. */
public final class PlainText {

    private PlainText() {}

    /** Every literal under {@code root} in document order; blocks on lines of their own. */
    public static String of(Node root) {
        StringBuilder out = new StringBuilder();
        Deque<Node> pending = new ArrayDeque<>();
        push(root, pending);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof Block && out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            String literal = literal(node);
            if (literal != null) {
                out.append(literal);
            } else {
                push(node, pending);
            }
        }
        return out.toString().strip();
    }

    private static void push(Node parent, Deque<Node> pending) {
        for (Node child = parent.getLastChild(); child != null; child = child.getPrevious()) {
            pending.push(child);
        }
    }

    private static String literal(Node node) {
        if (node instanceof Text text) {
            return text.getLiteral();
        }
        if (node instanceof Code code) {
            return code.getLiteral();
        }
        if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
            return "\n";
        }
        if (node instanceof FencedCodeBlock fenced) {
            return fenced.getLiteral();
        }
        if (node instanceof IndentedCodeBlock indented) {
            return indented.getLiteral();
        }
        if (node instanceof HtmlBlock html) {
            return html.getLiteral();
        }
        return node instanceof HtmlInline html ? html.getLiteral() : null;
    }
}
