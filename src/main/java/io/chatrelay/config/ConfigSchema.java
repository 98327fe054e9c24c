package io.chatrelay.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The config's JSON Schema (draft 2020-12), for editors. It is generated, not written: the loader
 * reads a config with every section ({@code schema-probe.yaml}) while {@link KeyLog} records each key
 * its readers ask for, with the type, default and bounds they give it; {@code config-keys.properties}
 * adds a line of description to each. A key the readers ask for without a description fails the
 * generation, so the schema can neither miss a key nor keep one the loader dropped.
 */
public final class ConfigSchema {

    /** Where the schema is checked in, relative to the project. */
    public static final String FILE = "docs/config.schema.json";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** A value may come from the environment whatever its type: {@code port: ${PORT}}. */
    private static final String VARIABLE = ".*\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?}.*";

    /** Any scalar, or nothing: the loader reads {@code chat_id: -100123} as text, and {@code key:} as absent. */
    private static final ArrayNode SCALAR = JSON.arrayNode().add("string").add("number").add("boolean").add("null");

    private final List<KeyLog.Key> keys;
    private final Properties descriptions;
    private final List<? extends DestinationType> platforms;
    private final Set<String> undescribed = new TreeSet<>();

    private ConfigSchema(List<KeyLog.Key> keys, Properties descriptions, List<? extends DestinationType> platforms) {
        this.keys = keys;
        this.descriptions = descriptions;
        this.platforms = platforms;
    }

    /** The schema as pretty-printed JSON, ending in a newline: what {@code config schema} prints. */
    public static String generate(List<? extends DestinationType> platforms) {
        ObjectNode schema = new ConfigSchema(keysRead(resource("schema-probe.yaml"), platforms),
                descriptions(), platforms).build();
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema)
                    .replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every key the loader asks for while reading {@code yaml}, as {@code routes[].template.text}. */
    static Set<String> keyPaths(String yaml, List<? extends DestinationType> platforms) {
        Set<String> paths = new TreeSet<>();
        keysRead(yaml, platforms).forEach(key -> paths.add(key.path()));
        return paths;
    }

    /**
     * The keys, less those whose names are the user's own: destination names, the event fields a
     * route matches, a webhook's header names.
     */
    private static List<KeyLog.Key> keysRead(String yaml, List<? extends DestinationType> platforms) {
        List<KeyLog.Key> all;
        try {
            all = ConfigLoader.keysRead(yaml, platforms);
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
        }
        Set<String> named = new TreeSet<>(List.of("destinations", "routes[].match"));
        all.stream().filter(key -> key.kind() == KeyLog.Kind.STRING_MAP).forEach(key -> named.add(key.path()));
        return all.stream().filter(key -> !named.contains(key.parent())).toList();
    }

    private ObjectNode build() {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", "chat-data-relay config");
        schema.put("description", "The relay's config file (see docs/configuration.md).");
        schema.setAll(object(""));
        List<String> missingTypes = platforms.stream().map(DestinationType::type)
                .filter(type -> keys.stream().noneMatch(k -> k.parent().equals("destinations." + type))).toList();
        if (!missingTypes.isEmpty()) {
            throw new IllegalStateException("schema-probe.yaml has no destination of type " + missingTypes);
        }
        List<String> unreached = keys.stream().filter(key -> key.kind() == KeyLog.Kind.ASKED).map(KeyLog.Key::path)
                .toList();
        if (!unreached.isEmpty()) {
            throw new IllegalStateException("keys the loader reads only when they are there are missing from "
                    + "src/main/resources/io/chatrelay/config/schema-probe.yaml, so their type is unknown: " + unreached);
        }
        if (!undescribed.isEmpty()) {
            throw new IllegalStateException("keys the loader reads have no description in "
                    + "src/main/resources/io/chatrelay/config/config-keys.properties: " + undescribed);
        }
        return schema;
    }

    /** A mapping with the keys read under {@code path}, and no others. */
    private ObjectNode object(String path) {
        ObjectNode schema = JSON.objectNode();
        schema.set("type", JSON.arrayNode().add("object").add("null"));
        ObjectNode properties = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        for (KeyLog.Key key : keys) {
            if (key.parent().equals(path)) {
                properties.set(key.name(), value(key));
                if (key.required()) {
                    required.add(key.name());
                }
            }
        }
        if (!required.isEmpty()) {
            ArrayNode list = schema.putArray("required");
            required.forEach(list::add);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private ObjectNode value(KeyLog.Key key) {
        String path = key.path();
        ObjectNode schema = switch (path) {
            case "destinations" -> destinations();
            case "routes[].match" -> match();
            default -> byKind(key);
        };
        ObjectNode described = JSON.objectNode();
        String description = description(path);
        described.put("description", description);
        // a default that depends on another key ("(default: requests)") is the description's to say
        key.fallback().filter(fallback -> !description.contains("(default: ")).ifPresent(fallback -> {
            if (key.kind() == KeyLog.Kind.NUMBER) {
                described.put("default", Long.parseLong(fallback));
            } else {
                described.put("default", fallback);
            }
        });
        described.setAll(schema);
        return described;
    }

    private ObjectNode byKind(KeyLog.Key key) {
        String path = key.path();
        boolean list = keys.stream().anyMatch(k -> k.parent().equals(path + "[]"));
        return switch (key.kind()) {
            case NUMBER -> number(key.range().orElseThrow());
            case DURATION -> text("^\\s*\\d+(ms|s|m|h|d)\\s*$");
            case DURATION_OR_OFF -> JSON.objectNode().set("anyOf", JSON.arrayNode()
                    .add(text("^\\s*(\\d+(ms|s|m|h|d)|0)\\s*$")).add(JSON.objectNode().put("const", 0)));
            case STRINGS -> JSON.objectNode().set("anyOf", JSON.arrayNode().add(scalar(key))
                    .add(JSON.objectNode().put("type", "array").set("items", scalar(key))));
            case MAPPING -> object(path);
            case STRING_MAP -> JSON.objectNode().put("type", "object")
                    .set("additionalProperties", JSON.objectNode().put("type", "string"));
            case ANY -> list ? JSON.objectNode().put("type", "array").set("items", object(path + "[]"))
                    : JSON.objectNode();
            case URL -> JSON.objectNode().put("type", "string");
            default -> scalar(key);
        };
    }

    /** Any scalar, or one of the reader's choices. */
    private static ObjectNode scalar(KeyLog.Key key) {
        if (!key.choices().isEmpty()) {
            ArrayNode choices = JSON.arrayNode();
            key.choices().forEach(choices::add);
            return JSON.objectNode().set("anyOf", JSON.arrayNode().add(JSON.objectNode().set("enum", choices))
                    .add(JSON.objectNode().put("type", "string").put("pattern", VARIABLE)));
        }
        return JSON.objectNode().set("type", SCALAR.deepCopy());
    }

    private static ObjectNode number(long[] range) {
        ObjectNode whole = JSON.objectNode().put("type", "integer").put("minimum", range[0]).put("maximum", range[1]);
        return JSON.objectNode().set("anyOf", JSON.arrayNode().add(whole)
                .add(JSON.objectNode().put("type", "string").put("pattern", "^\\s*\\d+\\s*$|" + VARIABLE)));
    }

    private static ObjectNode text(String pattern) {
        return JSON.objectNode().put("type", "string").put("pattern", pattern + "|" + VARIABLE);
    }

    /** Each destination's keys under its {@code type}: one {@code if}/{@code then} per platform. */
    private ObjectNode destinations() {
        ArrayNode types = JSON.arrayNode();
        ArrayNode byType = JSON.arrayNode();
        for (DestinationType platform : platforms) {
            types.add(platform.type());
            ObjectNode when = JSON.objectNode();
            when.putObject("properties").putObject("type").put("const", platform.type());
            when.putArray("required").add("type");
            ObjectNode keysOf = object("destinations." + platform.type());
            keysOf.put("description", platform.displayName());
            byType.add(JSON.objectNode().<ObjectNode>set("if", when).set("then", keysOf));
        }
        ObjectNode destination = JSON.objectNode().put("type", "object");
        destination.putArray("required").add("type");
        destination.putObject("properties").putObject("type").put("description", description("destinations.*.type"))
                .set("enum", types);
        destination.set("allOf", byType);
        return JSON.objectNode().put("type", "object").set("additionalProperties", destination);
    }

    /** An event field (any, since lead forms carry their own) to a value, a list of values, or a regex. */
    private ObjectNode match() {
        ObjectNode value = JSON.objectNode().set("type", SCALAR.deepCopy());
        ObjectNode regex = object("routes[].match.*");
        ObjectNode condition = JSON.objectNode().set("anyOf", JSON.arrayNode()
                .add(JSON.objectNode().set("type", SCALAR.deepCopy()))
                .add(JSON.objectNode().put("type", "array").set("items", value))
                .add(regex));
        return JSON.objectNode().put("type", "object").set("additionalProperties", condition);
    }

    /** The key's line in {@code config-keys.properties}; a destination's common keys are under {@code destinations.*}. */
    private String description(String path) {
        String common = path.replaceFirst("^destinations\\.[^.]+\\.", "destinations.*.");
        String text = descriptions.getProperty(path, descriptions.getProperty(common));
        if (text == null) {
            undescribed.add(path);
            return "";
        }
        return text;
    }

    private static Properties descriptions() {
        Properties properties = new Properties();
        try (InputStream in = ConfigSchema.class.getResourceAsStream("config-keys.properties")) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ConfigSchema.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
