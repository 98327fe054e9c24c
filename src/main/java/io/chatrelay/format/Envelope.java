package io.chatrelay.format;

import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.RawEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything a formatter may use, so that it needs no I/O and no clock: the stored event, its
 * parsed form, the delivery it is for, the template that applies, the thread this conversation
 * already has at the destination (if any), and the time of this attempt.
 */
public record Envelope(RawEvent raw, ChatDataEvent event, String deliveryId, Optional<MessageTemplate> template,
                       Optional<String> threadId, Instant now) {

    /** The template's text for this event, if a template applies. */
    public Optional<String> templated(TemplateSyntax syntax) {
        return template.map(t -> t.render(event, raw.id(), syntax));
    }
}
