package io.chatrelay.store;

/** The store could not take or give work; nothing was half-written. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
