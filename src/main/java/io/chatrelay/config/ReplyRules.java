package io.chatrelay.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may answer the visitor from a destination's thread ({@code replies}) and which messages stay
 * in the thread ({@code internal_prefix}). {@code asked} is the mode the config wrote, if it wrote one;
 * {@link #effective} decides the rest.
 */
public record ReplyRules(Optional<Mode> asked, String internalPrefix) {

    /** {@code claimer}: only the person who took the chat (the first replier takes it); {@code anyone}; {@code off}. */
    public enum Mode {
        CLAIMER, ANYONE, OFF;

        public static Optional<Mode> parse(String text) {
            try {
                return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String DEFAULT_INTERNAL_PREFIX = "//";
    public static final ReplyRules DEFAULT = new ReplyRules(Optional.empty(), DEFAULT_INTERNAL_PREFIX);

    /**
     * The mode in force: what the config asked for, else {@code claimer} when the destination can hear
     * replies ({@code canHear}: its secret, and for Slack a bot token) and Chat Data's API key is set,
     * else {@code off}.
     */
    public Mode effective(boolean canHear, boolean apiKey) {
        return asked.orElse(canHear && apiKey ? Mode.CLAIMER : Mode.OFF);
    }

    /** A message that stays in the thread: it starts with the prefix (an empty prefix keeps nothing back). */
    public boolean internal(String text) {
        return !internalPrefix.isEmpty() && text.stripLeading().startsWith(internalPrefix);
    }
}
