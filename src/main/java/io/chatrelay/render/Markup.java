package io.chatrelay.render;

/**
 * One platform's rich-text syntax. {@link Markdown} parses the Markdown and calls these; every
 * piece of user text reaches the output only through {@link #text}, which escapes it, so user
 * text can never become markup of its own.
 */
public interface Markup {

    /** Escapes user text for this platform. */
    String text(String raw);

    String bold(String inner);

    String italic(String inner);

    /** {@code ~~struck through~~}; {@code inner} is already rendered. */
    String strike(String inner);

    /** Inline code; {@code raw} is the unescaped literal. */
    String code(String raw);

    /** A code block; {@code raw} is the unescaped literal. */
    String codeBlock(String raw);

    /** A link to an http(s) or mailto URL; {@code label} is already rendered. */
    String link(String url, String label);

    /** A quotation of already rendered lines. */
    String quote(String inner);

    default String heading(String inner) {
        return bold(inner);
    }
}
