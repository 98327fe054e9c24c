package io.chatrelay.config;

import java.util.Optional;

/** Reads a {@code template:} mapping of a route or destination. */
final class TemplateReader {

    private TemplateReader() {}

    static Optional<TemplateConfig> read(Fields parent) {
        if (!parent.has("template")) {
            parent.known("template");
            return Optional.empty();
        }
        Fields template = parent.mapping("template");
        Optional<String> text = template.requiredString("text");
        template.finish();
        if (text.isPresent() && !check(template, "text", text.get())) {
            return Optional.empty();
        }
        return text.map(TemplateConfig::new);
    }

    /** Reports a template that does not compile; true when it does. */
    static boolean check(Fields fields, String key, String source) {
        try {
            com.samskivert.mustache.Mustache.compiler().compile(source);
            return true;
        } catch (com.samskivert.mustache.MustacheException e) {
            fields.problem(key, "is not a valid Mustache template: " + e.getMessage());
            return false;
        }
    }
}
