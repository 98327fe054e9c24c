package io.chatrelay.config;

/**
 * A value that must never reach a log line, an error body or the console: signing secrets, tokens,
 * webhook URLs whose path is a credential. {@link #toString()} never shows it; call
 * {@link #reveal()} only where the value is put on the wire.
 */
public record Secret(String value) {

    public Secret {
        java.util.Objects.requireNonNull(value, "value");
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }
}
