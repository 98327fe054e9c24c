package io.chatrelay.config;

/**
 * One thing wrong with a config file: where (dotted field path and line) and what. An error stops
 * the config from loading; a warning is printed by {@code validate} and logged by {@code serve},
 * for what may be meant (an event type Chat Data has not documented yet) but may also lose alerts.
 */
public record ConfigProblem(String path, int line, String message, Severity severity) {

    public enum Severity { ERROR, WARNING }

    /** An error. */
    public ConfigProblem(String path, int line, String message) {
        this(path, line, message, Severity.ERROR);
    }

    public boolean isWarning() {
        return severity == Severity.WARNING;
    }

    @Override
    public String toString() {
        return line > 0 ? path + ": " + message + " (line " + line + ")" : path + ": " + message;
    }
}
