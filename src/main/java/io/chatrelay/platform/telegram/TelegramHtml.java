package io.chatrelay.platform.telegram;

import io.chatrelay.render.HtmlMarkup;
import io.chatrelay.render.Markdown;
import io.chatrelay.render.Text;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Telegram's HTML parse mode: Markdown rendered with the tags Telegram supports, user text escaped,
 * and length measured and cut the way Telegram counts it, after entity parsing.
 */
final class TelegramHtml extends HtmlMarkup {

    static final TelegramHtml INSTANCE = new TelegramHtml();

    static String render(String markdown) {
        return Markdown.render(markdown, INSTANCE);
    }

    static String escape(String raw) {
        return escapeHtml(raw);
    }

    /** Characters Telegram counts: text outside tags, each entity as one. */
    static int visibleLength(String html) {
        int visible = 0;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '<') {
                i = html.indexOf('>', i);
                if (i < 0) {
                    break;
                }
            } else {
                if (c == '&') {
                    int end = html.indexOf(';', i);
                    i = end < 0 ? i : end;
                }
                visible++;
            }
        }
        return visible;
    }

    /**
     * At most {@code max} visible characters, cut with {@code …}: never inside a tag, an entity or
     * an emoji, and every tag and bidirectional isolate left open by the cut is closed again.
     */
    static String truncate(String html, int max) {
        if (visibleLength(html) <= max) {
            return html;
        }
        StringBuilder out = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int visible = 0;
        int isolates = 0; // left open on this line: closed at the cut, each costing a character
        int i = 0;
        while (i < html.length() && visible + isolates < max - Text.ELLIPSIS.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                String tag = html.substring(i, end + 1);
                track(tag, open);
                out.append(tag);
                i = end + 1;
                continue;
            }
            int next = i + 1;
            int width = 1;
            if (c == '&' && html.indexOf(';', i) > 0) {
                next = html.indexOf(';', i) + 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < html.length()) {
                next = i + 2;
                width = 2;
            }
            int isolatesAfter = c == '\n' ? 0 : c >= '\u2066' && c <= '\u2068' ? isolates + 1
                    : c == '\u2069' && isolates > 0 ? isolates - 1 : isolates;
            if (visible + width + isolatesAfter > max - Text.ELLIPSIS.length()) {
                break;
            }
            out.append(html, i, next);
            visible += width;
            isolates = isolatesAfter;
            i = next;
        }
        out.append("\u2069".repeat(isolates)).append(Text.ELLIPSIS);
        while (!open.isEmpty()) {
            out.append("</").append(open.pop()).append('>');
        }
        return out.toString();
    }

    private static void track(String tag, Deque<String> open) {
        if (tag.startsWith("</")) {
            if (!open.isEmpty()) {
                open.pop();
            }
            return;
        }
        String name = tag.substring(1, tag.length() - 1).split("\\s", 2)[0];
        open.push(name);
    }
}
