package io.chatrelay.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML into {@link Node}s with line numbers. Jackson's tree model forgets locations, so this
 * walks the token stream itself; it is the only place that knows YAML exists.
 */
final class YamlTree {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private YamlTree() {}

    static Node parse(String text, Problems problems) throws InvalidConfigException {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Node.Mapping(Map.of(), Map.of(), 1);
            }
            return read(parser, "", problems);
        } catch (IOException e) {
            throw new InvalidConfigException(List.of(syntaxError(e, text)));
        }
    }

    private static Node read(JsonParser parser, String path, Problems problems) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Node> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                String childPath = path.isEmpty() ? key : path + "." + key;
                Node value = read(parser, childPath, problems);
                if (entries.containsKey(key)) {
                    problems.add(childPath, keyLine, "duplicate key (first at line " + keyLines.get(key) + ")");
                    continue;
                }
                entries.put(key, value);
                keyLines.put(key, keyLine);
            }
            return new Node.Mapping(entries, keyLines, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(parser, path + "[" + index++ + "]", problems));
            }
            return new Node.Sequence(items, line);
        }
        if (token == JsonToken.VALUE_NULL) {
            return new Node.Scalar(null, line);
        }
        return new Node.Scalar(parser.getText(), line);
    }

    /**
     * The parser's own words at the line of the fault: SnakeYAML says what is wrong ("found character
     * '\t(TAB)' that cannot start any token") and where ("problem mark"), besides what it was doing and
     * where that began ("while scanning for the next token", often the line before).
     */
    private static ConfigProblem syntaxError(IOException e, String text) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblem() != null) {
                int line = marked.getProblemMark() == null ? 0 : marked.getProblemMark().getLine() + 1;
                String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
                String problem = marked.getProblem().contains("(TAB)")
                        ? "a tab cannot indent YAML, use spaces (found a tab that cannot start any token)"
                        : marked.getProblem() + context;
                Optional<String> fix = Indentation.explain(text, line, marked.getProblem());
                if (fix.isPresent()) {
                    return new ConfigProblem("(file)", line, fix.get() + " (YAML: " + problem + ")");
                }
                return new ConfigProblem("(file)", line, "not valid YAML: " + problem);
            }
        }
        String message = e.getMessage() == null ? "not valid YAML" : firstLine(e.getMessage());
        int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                ? jpe.getLocation().getLineNr() : 0;
        return new ConfigProblem("(file)", line, "not valid YAML: " + message);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
