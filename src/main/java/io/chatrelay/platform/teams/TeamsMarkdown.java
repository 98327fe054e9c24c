package io.chatrelay.platform.teams;

import io.chatrelay.render.LiteralMarkdown;
import io.chatrelay.render.Markdown;
import io.chatrelay.render.Markup;

/** The Markdown subset an Adaptive Card TextBlock renders: bold, italic, links and lists; the rest as text. */
final class TeamsMarkdown implements Markup {

    static final TeamsMarkdown INSTANCE = new TeamsMarkdown();

    static String render(String markdown) {
        return Markdown.render(markdown, INSTANCE);
    }

    /** Literal text of an answer (Markdown that escaped its brackets, say) stays literal: it never becomes a link. */
    @Override
    public String text(String raw) {
        return LiteralMarkdown.escape(raw);
    }

    @Override
    public String bold(String inner) {
        return inner.isBlank() ? inner : "**" + inner + "**";
    }

    @Override
    public String italic(String inner) {
        return inner.isBlank() ? inner : "_" + inner + "_";
    }

    /** Adaptive Card text has no strikethrough: the words stay. */
    @Override
    public String strike(String inner) {
        return inner;
    }

    @Override
    public String code(String raw) {
        return raw;
    }

    @Override
    public String codeBlock(String raw) {
        return raw;
    }

    @Override
    public String link(String url, String label) {
        return "[" + label.replace("]", ")") + "](" + url.replace(")", "%29").replace(" ", "%20") + ")";
    }

    @Override
    public String quote(String inner) {
        return inner;
    }
}
