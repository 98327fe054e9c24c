package io.chatrelay.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Keeps lines that a request can cause to one per kind per minute, so that no stream of requests
 * can fill the disk with log. The first line of a kind is written at once; the ones after it within
 * the minute are only counted, and the next line written says how many there were. Kinds are fixed
 * names chosen by the code, never values from a request, so their number is bounded.
 */
public final class LogBudget {

    /** One line per kind per this long. */
    public static final Duration EVERY = Duration.ofMinutes(1);
    /** Past this many kinds (a library's lines whose text varies), the rest share one. */
    static final int MAX_KINDS = 1_000;
    /** For the lines of libraries and of code that has no clock of its own. */
    public static final LogBudget SHARED = new LogBudget(Clock.systemUTC());

    private final Clock clock;
    private final Map<String, Window> kinds = new ConcurrentHashMap<>();

    public LogBudget(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs {@code line} with the note of the lines of {@code kind} not written since the last one
     * ({@code ""}, or {@code " (and 12 more like it since 14:02:10Z)"}), unless one of its kind was
     * written less than {@link #EVERY} ago, in which case it only counts.
     */
    public void write(String kind, Consumer<String> line) {
        Window window = kinds.get(kind);
        if (window == null) {
            window = kinds.computeIfAbsent(kinds.size() < MAX_KINDS ? kind : "(other kinds)", k -> new Window());
        }
        String note = window.admit(clock.instant());
        if (note != null) {
            line.accept(note);
        }
    }

    /** The lines of one kind: when the last was written and how many were held back since. */
    private static final class Window {

        private Instant last;
        private long held;

        /** The note to append when a line may be written now, or null when it is held back. */
        synchronized String admit(Instant now) {
            if (last != null && now.isBefore(last.plus(EVERY))) {
                held++;
                return null;
            }
            String note = held == 0 ? "" : " (and " + held + " more like it since " + last + ")";
            last = now;
            held = 0;
            return note;
        }
    }
}
