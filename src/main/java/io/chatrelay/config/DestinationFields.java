package io.chatrelay.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of one destination, as a platform's reader sees them: typed values after {@code ${VAR}}
 * interpolation, each problem reported with its field path and line. Every key a reader asks for is
 * known; the rest are reported as unknown.
 */
public final class DestinationFields {

    private final Fields fields;

    DestinationFields(Fields fields) {
        this.fields = fields;
    }

    public boolean has(String key) {
        return fields.has(key);
    }

    public void problem(String key, String message) {
        fields.problem(key, message);
    }

    /** A warning: the config works, but probably not as meant. */
    public void warn(String key, String message) {
        fields.warn(key, message);
    }

    /** Empty when absent or null; may be blank. */
    public Optional<String> string(String key) {
        return fields.string(key);
    }

    /** An optional value that, when given, must not be empty: {@code token: ""} is a mistake, not "no token". */
    public Optional<String> nonEmpty(String key) {
        return fields.nonEmpty(key);
    }

    /** A value that must be one of {@code choices}, which the schema lists; the reader checks it. */
    public Optional<String> choice(String key, List<String> choices) {
        return fields.choice(key, choices);
    }

    /**
     * {@code replies} ({@code claimer}, {@code anyone} or {@code off}) and {@code internal_prefix}
     * (default {@code //}); {@code canHear} says whether this destination can hear replies at all, and
     * what it lacks when it cannot ({@code whyNot}).
     */
    public ReplyRules replyRules(boolean canHear, String whyNot) {
        Optional<String> written = choice("replies", List.of("claimer", "anyone", "off"));
        Optional<ReplyRules.Mode> mode = written.flatMap(ReplyRules.Mode::parse);
        if (written.isPresent() && mode.isEmpty()) {
            problem("replies", "must be claimer, anyone or off, got " + shown("replies", written.get()));
        }
        String prefix = fields.string("internal_prefix", ReplyRules.DEFAULT_INTERNAL_PREFIX);
        mode.filter(m -> m != ReplyRules.Mode.OFF && !canHear).ifPresent(m -> problem("replies",
                "replies: " + m + " needs " + whyNot + "; or replies: off"));
        return new ReplyRules(mode, prefix);
    }

    /** A value as a problem may quote it: as written in the file when it came from the environment. */
    public String shown(String key, String value) {
        return fields.shown(key, value);
    }

    /** How many problems the whole config has so far: a reader compares before and after its checks. */
    public int problemCount() {
        return fields.problems().size();
    }

    public Optional<String> requiredString(String key) {
        return fields.requiredString(key);
    }

    public Optional<Secret> secret(String key) {
        return fields.secret(key);
    }

    public Optional<Secret> requiredSecret(String key) {
        return fields.requiredSecret(key);
    }

    /** An absolute http(s) URL; {@code secret} keeps its text out of problem messages. */
    public Optional<URI> url(String key, boolean required, boolean secret) {
        return fields.url(key, required, secret);
    }

    public long number(String key, long fallback, long min, long max) {
        return fields.number(key, fallback, min, max);
    }

    /** A list of strings; a single value reads as a one-element list. */
    public List<String> strings(String key) {
        return fields.strings(key);
    }

    public Map<String, String> stringMap(String key) {
        return fields.stringMap(key);
    }

    /** A nested mapping; call {@link #finish()} on it once read. An absent key reads as an empty one. */
    public DestinationFields mapping(String key) {
        return new DestinationFields(fields.mapping(key));
    }

    /** Reports a Mustache template that does not compile; true when it does. */
    public boolean template(String key, String source) {
        return TemplateReader.check(fields, key, source);
    }

    /** Reports every key of a nested mapping that was not read. */
    public void finish() {
        fields.finish();
    }
}
