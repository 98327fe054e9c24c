package io.chatrelay.store;

import java.util.Optional;

/** What a delivery sends (column {@code deliveries.kind}). */
public enum DeliveryKind {
    /** The event itself: what a route sent (NULL in the column). */
    EVENT(null),
    /** An escalation nobody took within its route's {@code unclaimed.after}: sent unless taken or the visitor left. */
    FOLLOW_UP("follow-up"),
    /** A message already posted, brought up to date: who took the escalation, whether the visitor left. */
    EDIT("edit"),
    /** An answer to one person's press of a take button ("Ana took this chat at 14:02"). */
    NOTICE("notice");

    private final String column;

    DeliveryKind(String column) {
        this.column = column;
    }

    /** The column's value; null for {@link #EVENT}. */
    String column() {
        return column;
    }

    /** How a listing names it: empty for the event itself. */
    public Optional<String> label() {
        return Optional.ofNullable(column);
    }

    static DeliveryKind ofColumn(String value) {
        for (DeliveryKind kind : values()) {
            if (java.util.Objects.equals(kind.column, value)) {
                return kind;
            }
        }
        throw new IllegalStateException("unknown delivery kind in the store: " + value);
    }
}
