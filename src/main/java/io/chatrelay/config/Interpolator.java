package io.chatrelay.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in config values from the environment.
 * Applied to each scalar after YAML parsing, so a value can never change the file's structure.
 */
final class Interpolator {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final Map<String, String> environment;

    Interpolator(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The value with variables replaced, or the name of the first variable that is not set. */
    Result apply(String raw) {
        Matcher matcher = VARIABLE.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = environment.get(name);
            if (value == null) {
                if (matcher.group(2) == null) {
                    return new Result(raw, Optional.of(name));
                }
                value = matcher.group(3);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return new Result(out.toString(), Optional.empty());
    }

    /** The variables {@code text} uses without a fallback, in order of appearance. */
    static java.util.Set<String> required(String text) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            if (matcher.group(2) == null) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    record Result(String value, Optional<String> missingVariable) {}
}
