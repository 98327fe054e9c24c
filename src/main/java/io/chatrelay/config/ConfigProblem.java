package io.chatrelay.config;

/** One thing wrong with a config file: where (dotted field path and line) and what. */
public record ConfigProblem(String path, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? path + ": " + message + " (line " + line + ")" : path + ": " + message;
    }
}
