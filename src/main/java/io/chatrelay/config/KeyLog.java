package io.chatrelay.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys the readers ask {@link Fields} for, each with the type, default and bounds the reader
 * gives it: what {@link ConfigSchema} turns into the JSON Schema, so the schema is the loader's own
 * account of the keys and cannot drift from it. Off (recording nothing) except for the schema.
 */
final class KeyLog {

    static final KeyLog OFF = new KeyLog(false);

    /**
     * How a reader reads a key; a later, more particular reading of the same key wins. {@code ASKED}:
     * only asked whether it is there, so read only when it is (the probe must have it).
     */
    enum Kind { ASKED, ANY, STRING, SECRET, URL, NUMBER, DURATION, DURATION_OR_OFF, STRINGS, MAPPING, STRING_MAP }

    /** {@code parent} is the mapping's path with list indexes as {@code []}: {@code routes[].template}. */
    record Key(String parent, String name, Kind kind, boolean required, Optional<String> fallback,
               Optional<long[]> range, List<String> choices) {
        String path() {
            return parent.isEmpty() ? name : parent + "." + name;
        }
    }

    private final boolean on;
    private final Map<String, Key> keys = new LinkedHashMap<>();

    private KeyLog(boolean on) {
        this.on = on;
    }

    static KeyLog recording() {
        return new KeyLog(true);
    }

    void read(String path, String key, Kind kind) {
        merge(path, key, kind, false, null, null, List.of());
    }

    void required(String path, String key) {
        merge(path, key, Kind.STRING, true, null, null, List.of());
    }

    void fallback(String path, String key, Kind kind, Object fallback) {
        merge(path, key, kind, false, String.valueOf(fallback), null, List.of());
    }

    void number(String path, String key, long fallback, long min, long max) {
        merge(path, key, Kind.NUMBER, false, String.valueOf(fallback), new long[] {min, max}, List.of());
    }

    void choices(String path, String key, List<String> choices) {
        merge(path, key, Kind.STRING, false, null, null, choices);
    }

    private void merge(String path, String key, Kind kind, boolean required, String fallback, long[] range,
                       List<String> choices) {
        if (!on) {
            return;
        }
        String parent = path.replaceAll("\\[\\d+]", "[]");
        String id = parent + "\u0000" + key;
        Key old = keys.get(id);
        if (old == null) {
            keys.put(id, new Key(parent, key, kind, required, Optional.ofNullable(fallback),
                    Optional.ofNullable(range), List.copyOf(choices)));
            return;
        }
        Kind merged = kind.ordinal() > old.kind().ordinal() ? kind : old.kind();
        keys.put(id, new Key(parent, key, merged, required || old.required(),
                fallback == null ? old.fallback() : Optional.of(fallback),
                range == null ? old.range() : Optional.of(range), choices.isEmpty() ? old.choices() : List.copyOf(choices)));
    }

    List<Key> keys() {
        return new ArrayList<>(keys.values());
    }
}
