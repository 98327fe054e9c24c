package io.chatrelay.event;

/** The body is not a JSON object; the message is safe to return to the caller. */
public final class MalformedEventException extends Exception {

    public MalformedEventException(String message) {
        super(message);
    }
}
