package io.chatrelay.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;

/**
 * A section indented under the one before it ({@code routes:} two spaces in, under
 * {@code destinations:}) is valid YAML that means something else: it is reported with the fix, and
 * read where it belongs so the rest of the config is still checked.
 */
final class Indentation {

    /** The config's top-level sections. */
    static final Set<String> SECTIONS = Set.of("server", "chat_data", "store", "delivery", "admin", "destinations",
            "time_intervals", "mute_time_intervals", "routes");

    private Indentation() {}

    static Node.Mapping hoist(Node.Mapping root, Problems problems) {
        Map<String, Node> entries = new LinkedHashMap<>(root.entries());
        Map<String, Integer> keyLines = new LinkedHashMap<>(root.keyLines());
        for (Map.Entry<String, Node> section : root.entries().entrySet()) {
            if (!(section.getValue() instanceof Node.Mapping mapping)) {
                continue;
            }
            Map<String, Node> kept = new LinkedHashMap<>(mapping.entries());
            for (Map.Entry<String, Node> child : mapping.entries().entrySet()) {
                String key = child.getKey();
                if (!SECTIONS.contains(key) || entries.containsKey(key) || isDestination(section.getKey(), child.getValue())) {
                    continue;
                }
                int line = mapping.keyLines().getOrDefault(key, mapping.line());
                problems.add(section.getKey() + "." + key, line, "`" + key + "` is indented under `" + section.getKey()
                        + "`; move it left, to the start of the line, as a section of its own");
                kept.remove(key);
                entries.put(key, child.getValue());
                keyLines.put(key, line);
            }
            if (kept.size() != mapping.entries().size()) {
                entries.put(section.getKey(), new Node.Mapping(kept, mapping.keyLines(), mapping.line()));
            }
        }
        return new Node.Mapping(entries, keyLines, root.line());
    }

    /** {@code destinations: {store: {type: webhook, ...}}} is a destination named store. */
    private static boolean isDestination(String section, Node value) {
        return section.equals("destinations") && value instanceof Node.Mapping mapping
                && mapping.entries().containsKey("type");
    }

    /**
     * What SnakeYAML's words about a line at the wrong indentation mean, from the text: the columns
     * the lines above it use ("move it to 4 spaces (as `match`) or 6 (as `event`)"). Empty when the
     * fault is not about indentation.
     */
    static Optional<String> explain(String text, int line, String problem) {
        String[] lines = text.split("\n", -1);
        if (line < 2 || line > lines.length || lines[line - 1].isBlank()) {
            return Optional.empty();
        }
        String faulty = lines[line - 1];
        int column = indent(faulty);
        String key = key(faulty);
        TreeMap<Integer, String> above = new TreeMap<>();
        for (int i = line - 2; i >= 0; i--) {
            String before = lines[i];
            if (before.isBlank() || before.strip().startsWith("#")) {
                continue;
            }
            above.putIfAbsent(indent(before), key(before));
            if (indent(before) == 0) {
                break;
            }
        }
        if (problem.startsWith("mapping values are not allowed")) {
            Map.Entry<Integer, String> previous = above.floorEntry(column);
            if (previous != null && previous.getKey() < column && !above.containsKey(column)) {
                return Optional.of("`" + key + "` is indented deeper than `" + previous.getValue()
                        + "` above it; move it left to line up with `" + previous.getValue() + "` (" + spaces(previous.getKey())
                        + "), or quote a value that holds ': '");
            }
            return Optional.of("a value holds ': ': quote it, e.g. \"a: b\"");
        }
        if (problem.startsWith("expected <block end>") && !above.containsKey(column)) {
            Map.Entry<Integer, String> left = above.lowerEntry(column);
            Map.Entry<Integer, String> right = above.higherEntry(column);
            String options = (left == null ? "" : spaces(left.getKey()) + " (as `" + left.getValue() + "`)")
                    + (left != null && right != null ? " or " : "")
                    + (right == null ? "" : spaces(right.getKey()) + " (as `" + right.getValue() + "`)");
            return Optional.of("`" + key + "` is indented " + spaces(column) + ", in line with nothing above it; "
                    + "move it to " + options);
        }
        return Optional.empty();
    }

    private static int indent(String line) {
        int column = 0;
        while (column < line.length() && line.charAt(column) == ' ') {
            column++;
        }
        return column;
    }

    /** The key a line starts ({@code - name} for a list item), or its first word. */
    private static String key(String line) {
        String stripped = line.strip();
        int colon = stripped.indexOf(':');
        return colon > 0 ? stripped.substring(0, colon) : stripped.split("\\s+")[0];
    }

    private static String spaces(int column) {
        return column + (column == 1 ? " space" : " spaces");
    }
}
