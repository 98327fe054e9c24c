package io.chatrelay.store;

import java.util.Locale;

/** Where a delivery stands. */
public enum DeliveryStatus {
    PENDING, DELIVERED, DEAD;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code dead}, {@code pending} or {@code delivered}, as users type them. */
    public static DeliveryStatus parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
