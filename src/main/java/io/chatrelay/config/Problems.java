package io.chatrelay.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects config errors and warnings so that one run of {@code validate} reports all of them.
 * Every value read from the environment is remembered and masked in what is reported: a variable
 * holding a token that lands in the wrong field must not be echoed by the error that says so.
 */
final class Problems {

    private final List<ConfigProblem> list = new ArrayList<>();
    private final Set<String> environmentValues = new LinkedHashSet<>();

    void add(String path, int line, String message) {
        list.add(new ConfigProblem(path, line, message));
    }

    void warn(String path, int line, String message) {
        list.add(new ConfigProblem(path, line, message, ConfigProblem.Severity.WARNING));
    }

    /** A value that came from {@code ${VAR}}: never shown in a problem. */
    void fromEnvironment(String value) {
        environmentValues.add(value);
    }

    /** How many errors so far (warnings do not count). */
    int size() {
        return (int) list.stream().filter(p -> !p.isWarning()).count();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** Every error and warning, masked, in line order. */
    List<ConfigProblem> all() {
        Redactor redactor = Redactor.of(environmentValues);
        List<ConfigProblem> sorted = new ArrayList<>();
        for (ConfigProblem problem : list) {
            sorted.add(new ConfigProblem(problem.path(), problem.line(), redactor.redact(problem.message()),
                    problem.severity()));
        }
        sorted.sort(Comparator.comparingInt(ConfigProblem::line));
        return sorted;
    }

    void throwIfAny() throws InvalidConfigException {
        if (!isEmpty()) {
            throw new InvalidConfigException(all());
        }
    }
}
