package io.chatrelay.deliver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.Formatters;
import io.chatrelay.render.Digest;
import io.chatrelay.store.Delivery;
import io.chatrelay.store.DigestContents;
import io.chatrelay.store.Outbox;
import java.time.Instant;
import java.util.Optional;

/**
 * A digest's message: its events read from the store (fixed since its first claim), then rendered
 * by the destination's formatter like any delivery, rich or else plain. The envelope is the
 * delivery's, with the period's first event, no template and no thread.
 */
final class DigestRendering {

    private DigestRendering() {}

    static Rendering.Rendered render(Outbox outbox, Formatters formatters, Delivery delivery, Instant now) {
        DigestContents contents = outbox.digest(delivery);
        Digest digest = Digest.of(contents.start(), contents.end(), contents.maxEvents(), contents.events(),
                delivery.destination());
        ChatDataEvent first;
        try {
            first = EventParser.parse(delivery.event().body(), delivery.event().type());
        } catch (MalformedEventException e) { // its line says so; the digest still goes
            first = new ChatDataEvent.Unknown(delivery.event().type(), JsonNodeFactory.instance.objectNode(), null, null);
        }
        Formatter formatter = formatters.forDestination(delivery.destination());
        Envelope envelope = new Envelope(delivery.event(), first, delivery.id(), Optional.empty(), Optional.empty(), now);
        return Rendering.richOrPlain(() -> formatter.formatDigest(digest, envelope),
                () -> formatter.formatDigest(digest, envelope.asPlain()));
    }
}
