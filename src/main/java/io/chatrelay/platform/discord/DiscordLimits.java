package io.chatrelay.platform.discord;

/** Discord's embed limits (see shared/platforms.md); any breach rejects the whole message. */
final class DiscordLimits {

    static final int TITLE = 256;
    static final int DESCRIPTION = 4096;
    static final int FIELDS = 25;
    static final int FIELD_NAME = 256;
    static final int FIELD_VALUE = 1024;
    static final int FOOTER = 2048;
    static final int USERNAME = 80;
    static final int TOTAL = 6000;
    static final int THREAD_NAME = 100;

    private DiscordLimits() {}
}
