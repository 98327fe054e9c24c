package io.chatrelay.store;

import java.util.Locale;

/** Where an operator's action on a delivery came from, as its event's story tells it. */
public enum ActionSource {
    CONSOLE, API, CLI;

    /** As stored and shown: {@code console}, {@code api}, {@code cli}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
