package io.chatrelay.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a config has errors; carries all of them (and its warnings), not just the first. */
public final class InvalidConfigException extends Exception {

    private final List<ConfigProblem> problems;
    private final List<ConfigProblem> warnings;

    /** {@code all} holds errors and warnings in the order to show them. */
    public InvalidConfigException(List<ConfigProblem> all) {
        super(all.stream().filter(p -> !p.isWarning()).map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = all.stream().filter(p -> !p.isWarning()).toList();
        this.warnings = all.stream().filter(ConfigProblem::isWarning).toList();
    }

    /** The errors: each one keeps the config from loading. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** What else {@code validate} would warn about in the same file. */
    public List<ConfigProblem> warnings() {
        return warnings;
    }
}
