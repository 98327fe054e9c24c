package io.chatrelay.config;

import java.util.ArrayList;
import java.util.List;
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

    /** Names that say the value is a secret: a default for it would be a secret in the file. */
    private static final Pattern SECRET_NAME = Pattern.compile("SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|WEBHOOK|PRIVATE",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, String> environment;

    Interpolator(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The value with variables replaced, or the first variable that is not set, or set but empty.
     * As in the shell, {@code ${NAME:-default}} takes the default for an empty variable too; a bare
     * {@code ${NAME}} that is empty is a mistake (a URL or token that is "" loses every alert), so
     * it is reported rather than replaced.
     */
    Result apply(String raw) {
        return apply(raw, false);
    }

    /**
     * As {@link #apply(String)}; for a {@code secret} value (or a variable named like one:
     * {@code SLACK_TOKEN}) an unset variable is to be exported, never given a default in the file.
     */
    Result apply(String raw, boolean secret) {
        Matcher matcher = VARIABLE.matcher(raw);
        StringBuilder out = new StringBuilder();
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = environment.get(name);
            boolean hasDefault = matcher.group(2) != null;
            if (value == null && !hasDefault) {
                return Result.failed(raw, name, secret || SECRET_NAME.matcher(name).find()
                        ? "is not set: export it where the relay runs (export " + name + "=...)"
                        : "is not set (export it, or use ${" + name + ":-default} for a fallback)");
            }
            if (value != null && value.isEmpty() && !hasDefault) {
                return Result.failed(raw, name, "is set but empty (give it a value, or write ${" + name
                        + ":-} where empty is meant)");
            }
            if (value == null || value.isEmpty()) {
                value = matcher.group(3);
            } else {
                values.add(value);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return new Result(out.toString(), Optional.empty(), values);
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


    /**
     * {@code problem} is "environment variable NAME ..." when a variable could not be used;
     * {@code environmentValues} are the values taken from the environment, to keep out of messages.
     */
    record Result(String value, Optional<String> problem, List<String> environmentValues) {
        static Result failed(String raw, String name, String why) {
            return new Result(raw, Optional.of("environment variable " + name + " " + why), List.of());
        }
    }
}
