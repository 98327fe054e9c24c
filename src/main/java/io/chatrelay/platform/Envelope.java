package io.chatrelay.platform;

import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.RawEvent;
import io.chatrelay.render.MessageTemplate;
import io.chatrelay.render.TemplateSyntax;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything a formatter may use, so that it needs no I/O and no clock: the stored event, its
 * parsed form, the delivery it is for, the template that applies, the thread this conversation
 * already has at the destination (if any), the time of this attempt, and whether to render it
 * plain: the event's facts and every message as literal text, no Markdown and no template, for when
 * the rich rendering failed; and for an escalation, its {@link EscalationState} (who took it, ...).
 */
public record Envelope(RawEvent raw, ChatDataEvent event, String deliveryId, Optional<MessageTemplate> template,
                       Optional<String> threadId, Instant now, boolean plain, EscalationState escalation) {

    public Envelope(RawEvent raw, ChatDataEvent event, String deliveryId, Optional<MessageTemplate> template,
                    Optional<String> threadId, Instant now) {
        this(raw, event, deliveryId, template, threadId, now, false, EscalationState.NONE);
    }

    public Envelope(RawEvent raw, ChatDataEvent event, String deliveryId, Optional<MessageTemplate> template,
                    Optional<String> threadId, Instant now, boolean plain) {
        this(raw, event, deliveryId, template, threadId, now, plain, EscalationState.NONE);
    }

    /** The same delivery rendered plain. */
    public Envelope asPlain() {
        return new Envelope(raw, event, deliveryId, template, threadId, now, true, escalation);
    }

    /** The same delivery with what is known of its escalation. */
    public Envelope withEscalation(EscalationState state) {
        return new Envelope(raw, event, deliveryId, template, threadId, now, plain, state);
    }

    /** The template's text for this event, if a template applies; none in a plain rendering. */
    public Optional<String> templated(TemplateSyntax syntax) {
        return plain ? Optional.empty() : template.map(t -> t.render(event, raw.id(), syntax));
    }
}
