package io.chatrelay.render;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;

/** How event values are escaped when a template renders. */
public enum TemplateSyntax {
    /**
     * Markdown, for chat platforms: values have their punctuation backslash-escaped so they show as
     * typed, the template's own text may use Markdown, and the result goes through the platform's
     * Markdown renderer, which escapes everything for that platform.
     */
    MARKDOWN(TemplateSyntax::escapeMarkdown),
    /** Plain text, for JSON built by Jackson (the generic webhook). */
    PLAIN(Escapers.NONE);

    private static final String MARKDOWN_PUNCTUATION = "\\`*_{}[]()#+-.!<>|~&\"'=:;,/?@$%^";

    final Mustache.Escaper escaper;

    TemplateSyntax(Mustache.Escaper escaper) {
        this.escaper = escaper;
    }

    private static String escapeMarkdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (MARKDOWN_PUNCTUATION.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
