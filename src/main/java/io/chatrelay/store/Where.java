package io.chatrelay.store;

import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built from the filters that are set, with its parameters in order. */
final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    Where and(String condition, Object... values) {
        conditions.add(condition);
        parameters.addAll(List.of(values));
        return this;
    }

    Where andIfSet(String condition, Object value) {
        return value == null ? this : and(condition, value);
    }

    List<Object> parameters() {
        return parameters;
    }

    /** The parameters, then {@code more}. */
    Object[] parameters(Object... more) {
        List<Object> all = new ArrayList<>(parameters);
        all.addAll(List.of(more));
        return all.toArray();
    }

    /** {@code head}, this clause, then {@code tail}; its parameters, then {@code more} (the tail's). */
    Query query(String head, String tail, Object... more) {
        return new Query(head + this + tail, List.of(parameters(more)));
    }

    @Override
    public String toString() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
