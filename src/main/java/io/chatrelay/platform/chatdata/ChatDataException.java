package io.chatrelay.platform.chatdata;

/**
 * Chat Data's API did not do what was asked: it refused (its own words in {@link #getMessage()},
 * never the API key), or did not answer. {@code temporary}: trying again later can help (a 429, a
 * 5xx, no answer); {@code keyRefused}: a 401 or 403, the key is wrong or revoked.
 */
public final class ChatDataException extends Exception {

    private final int status;
    private final boolean temporary;

    ChatDataException(int status, String reason, boolean temporary) {
        super(reason);
        this.status = status;
        this.temporary = temporary;
    }

    /** The answer's HTTP status; 0 when there was no answer. */
    public int status() {
        return status;
    }

    public boolean temporary() {
        return temporary;
    }

    public boolean keyRefused() {
        return status == 401 || status == 403;
    }
}
