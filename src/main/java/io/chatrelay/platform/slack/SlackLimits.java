package io.chatrelay.platform.slack;

/** Block Kit limits from Slack's documentation (see shared/platforms.md). */
final class SlackLimits {

    static final int BLOCKS = 50;
    static final int SECTION_TEXT = 3000;
    static final int FIELDS = 10;
    static final int FIELD_TEXT = 2000;
    static final int HEADER_TEXT = 150;
    static final int BUTTON_TEXT = 75;
    static final int BUTTON_URL = 3000;
    static final int FALLBACK_TEXT = 3000;

    private SlackLimits() {}
}
