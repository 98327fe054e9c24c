package io.chatrelay.config;

import java.util.Optional;

/** Reads a {@code template:} mapping of a route or destination. */
final class TemplateReader {

    private TemplateReader() {}

    static Optional<TemplateConfig> read(Fields parent) {
        if (!parent.has("template")) {
            return Optional.empty();
        }
        Fields template = parent.mapping("template");
        Optional<String> text = template.requiredString("text");
        template.finish();
        return text.map(TemplateConfig::new);
    }
}
