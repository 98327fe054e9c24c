package io.chatrelay.render;

import io.chatrelay.event.Message;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** Renders the end of a conversation within a character budget: the newest messages win. */
public final class Transcript {

    private static final String OLDER = Text.ELLIPSIS + "\n";

    private Transcript() {}

    /**
     * Lines rendered by {@code line} (already escaped for the platform), newest last, joined by
     * newlines, never longer than {@code budget}. When older messages do not fit they are dropped and
     * the text starts with {@code …}; a newest message that alone is too long is truncated.
     */
    public static String render(List<Message> messages, int budget, Function<Message, String> line) {
        return render(messages, budget, line, Text::truncate);
    }

    /** As {@link #render(List, int, Function)}, cutting a too-long newest message with {@code truncate}. */
    public static String render(List<Message> messages, int budget, Function<Message, String> line,
                                java.util.function.BiFunction<String, Integer, String> truncate) {
        Deque<String> kept = new ArrayDeque<>();
        int used = 0;
        for (int i = messages.size() - 1; i >= 0; i--) {
            String rendered = line.apply(messages.get(i));
            int cost = rendered.length() + (kept.isEmpty() ? 0 : 1);
            int reserve = i > 0 ? OLDER.length() : 0;
            if (used + cost + reserve > budget) {
                if (kept.isEmpty()) {
                    if (budget - reserve < 1) {
                        return truncate.apply(rendered, budget); // no room to say older ones were left out
                    }
                    kept.addFirst(truncate.apply(rendered, budget - reserve));
                }
                return (i > 0 || kept.size() < messages.size() ? OLDER : "") + String.join("\n", kept);
            }
            kept.addFirst(rendered);
            used += cost;
        }
        return String.join("\n", kept);
    }
}
