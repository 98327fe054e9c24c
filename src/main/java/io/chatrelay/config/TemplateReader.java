package io.chatrelay.config;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.chatrelay.event.EventCatalog;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Reads a {@code template:} mapping of a route or destination. */
final class TemplateReader {

    /** The current value, a list's position, and the id the relay adds to every event. */
    private static final Set<String> MUSTACHE_NAMES = Set.of(".", "this", "-first", "-last", "-index", "id");

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

    /**
     * Reports a template that does not compile, or that compiles but could only fail when a message
     * is rendered: a partial ({@code {{>name}}}) or a parent ({@code {{<name}}}) names another
     * template, and the relay has none to load. True when it is fine.
     */
    static boolean check(Fields fields, String key, String source) {
        Template template;
        try {
            template = Mustache.compiler().compile(source);
        } catch (MustacheException e) {
            fields.problem(key, "is not a valid Mustache template: " + e.getMessage());
            return false;
        }
        Set<String> others = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        template.visit(new OtherTemplates(others, names));
        names.stream().filter(name -> !documented(name)).forEach(name -> fields.warn(key,
                "no documented event has the field '" + name + "'" + Closest.to(name, EventCatalog.templateNames())
                        .map(meant -> " (" + meant + ")").orElse("") + ": it renders empty unless the event carries it"));
        others.forEach(tag -> fields.problem(key, "uses " + tag + ", another template, and the relay has no "
                + "templates but this one: write that text here instead of the tag"));
        return others.isEmpty();
    }

    /** Mustache's own names, the event's id, or a name some documented event has. */
    private static boolean documented(String name) {
        return MUSTACHE_NAMES.contains(name) || name.startsWith("this.") || EventCatalog.templateNames().contains(name);
    }

    /**
     * Collects the names looked up, and the tags that name another template. The visit recurses, so it looks inside the first
     * {@value #MAX_SECTIONS} sections only: far more than any real template has, and a nesting bomb
     * cannot overflow the loader's stack.
     */
    private static final class OtherTemplates implements Mustache.Visitor {

        private static final int MAX_SECTIONS = 1_000;

        private final Set<String> found;
        private final Set<String> names;
        private int sections;

        OtherTemplates(Set<String> found, Set<String> names) {
            this.found = found;
            this.names = names;
        }

        @Override
        public void visitText(String text) {
            // text is fine
        }

        @Override
        public void visitVariable(String name) {
            names.add(name);
        }

        @Override
        public boolean visitInclude(String name) {
            found.add("the partial {{>" + name + "}}");
            return false;
        }

        @Override
        public boolean visitParent(String name) {
            found.add("the parent {{<" + name + "}}");
            return false;
        }

        @Override
        public boolean visitSection(String name) {
            names.add(name);
            return ++sections <= MAX_SECTIONS;
        }

        @Override
        public boolean visitInvertedSection(String name) {
            names.add(name);
            return ++sections <= MAX_SECTIONS;
        }
    }
}
