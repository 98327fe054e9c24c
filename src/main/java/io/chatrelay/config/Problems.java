package io.chatrelay.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects config problems so that one run of {@code validate} reports all of them. */
final class Problems {

    private final List<ConfigProblem> list = new ArrayList<>();

    void add(String path, int line, String message) {
        list.add(new ConfigProblem(path, line, message));
    }

    int size() {
        return list.size();
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    void throwIfAny() throws InvalidConfigException {
        if (!list.isEmpty()) {
            List<ConfigProblem> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparingInt(ConfigProblem::line));
            throw new InvalidConfigException(sorted);
        }
    }
}
