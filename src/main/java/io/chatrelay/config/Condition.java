package io.chatrelay.config;

import java.util.Set;
import java.util.regex.Pattern;

/** A test on one event field's value (its text; null when the field is absent or null). */
public sealed interface Condition {

    boolean test(String value);

    /** What the condition asks for, as a person reads it ({@code "lead-submission"}, {@code one of [a, b]}). */
    String describe();

    /** The field equals this value, compared as text ({@code 20} matches {@code "20"}). */
    record Equals(String expected) implements Condition {
        public boolean test(String value) {
            return expected.equals(value);
        }

        public String describe() {
            return '"' + expected + '"';
        }
    }

    /** The field equals any of these values. */
    record AnyOf(Set<String> expected) implements Condition {
        public AnyOf {
            expected = Set.copyOf(expected);
        }

        public boolean test(String value) {
            return value != null && expected.contains(value);
        }

        public String describe() {
            return "one of " + expected.stream().sorted().map(v -> '"' + v + '"').toList();
        }
    }

    /** The field is present and not null ({@code "*"} in YAML). */
    record Present() implements Condition {
        public boolean test(String value) {
            return value != null;
        }

        public String describe() {
            return "present";
        }
    }

    /**
     * The regex is found somewhere in the field (anchor it with ^ and $ to match the whole value),
     * within bounded work: a search a hostile value makes too costly does not hold.
     */
    record Regex(Pattern pattern) implements Condition {
        public boolean test(String value) {
            return value != null && BoundedMatch.find(pattern, value);
        }

        public String describe() {
            return "matching /" + pattern.pattern() + "/";
        }
    }
}
