package io.chatrelay.config;

import java.util.List;
import java.util.Map;

/** A parsed YAML value that remembers its line, so every config problem can say where it is. */
sealed interface Node permits Node.Scalar, Node.Mapping, Node.Sequence {

    int line();

    /** A scalar; {@code text} is null for YAML {@code null} or an empty value. */
    record Scalar(String text, int line) implements Node {}

    /** A mapping in document order; {@code keyLines} gives the line of each key. */
    record Mapping(Map<String, Node> entries, Map<String, Integer> keyLines, int line) implements Node {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
            keyLines = Map.copyOf(keyLines);
        }
    }

    record Sequence(List<Node> items, int line) implements Node {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    static String describe(Node node) {
        if (node instanceof Mapping) {
            return "a mapping";
        }
        if (node instanceof Sequence) {
            return "a list";
        }
        return "a value";
    }
}
