package io.chatrelay.store;

import java.util.Locale;

/** Where a delivery stands. */
public enum DeliveryStatus {
    PENDING, DELIVERED, DEAD,
    /** Settled without sending: a follow-up whose escalation was taken or whose visitor left, an edit with nothing to edit. */
    SKIPPED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code dead}, {@code pending}, {@code delivered} or {@code skipped}, as users type them. */
    public static DeliveryStatus parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
