package io.chatrelay.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What replicas on one store share besides the outbox: the thread each conversation has at a
 * destination, who is alive, and which destinations were told to wait. On SQLite there is one
 * replica, and this is simply kept across restarts.
 */
public interface SharedState {

    /** The thread a conversation already has at a destination (Slack {@code ts}, Discord post id). */
    Optional<String> threadId(String destination, String conversationId);

    /** Remembers a conversation's thread; the first one recorded wins. */
    void saveThreadId(String destination, String conversationId, String threadId, Instant now);

    /**
     * Records that this process is alive and returns how many processes were seen within
     * {@code window}, itself included: replicas divide each destination's rate limit by it.
     */
    int heartbeat(Instant now, Duration window);

    /** Holds a destination for every replica until {@code until} (a 429, or no requests left in its window). */
    void pauseDestination(String destination, Instant until);

    /** Destinations held beyond {@code now}, and until when. */
    Map<String, Instant> pauses(Instant now);
}
