package io.chatrelay.render;

import io.chatrelay.event.Message;
import java.util.List;
import java.util.Optional;

/**
 * What a message about an event says, before any platform's syntax: a title, one sentence, the
 * facts, the recent transcript and an optional link. Every formatter renders one of these, so all
 * platforms tell the same story. All text is raw user text: each formatter escapes it.
 */
public record Summary(String emoji, String title, String line, List<Fact> facts, List<Message> transcript,
                      Optional<Link> link, int colour, boolean compact) {

    public Summary {
        facts = List.copyOf(facts);
        transcript = List.copyOf(transcript);
    }

    public record Fact(String label, String value) {}

    public record Link(String label, String url) {}
}
