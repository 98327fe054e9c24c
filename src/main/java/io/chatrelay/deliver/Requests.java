package io.chatrelay.deliver;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.RouteConfig;
import io.chatrelay.config.UnclaimedConfig;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.platform.ClaimLink;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.EscalationState;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.Formatters;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Templates;
import io.chatrelay.store.Claims;
import io.chatrelay.store.Delivery;
import io.chatrelay.store.DeliveryKind;
import io.chatrelay.store.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one delivery sends, by its kind: the event (or a digest) rendered rich or else plain; an
 * escalation's follow-up, unless someone took it or the visitor left; an edit of a message already
 * posted, rendered as things stand; a notice answering one press. An escalation's messages are
 * rendered with its {@link EscalationState}, read from the store at the time of the attempt.
 */
final class Requests {

    /** What to do with a delivery: send a request, or settle it as skipped, saying why. */
    sealed interface Prepared {
        /** {@code keepPosted}: the answer's message reference is kept, to edit the message later. */
        record Send(Rendering.Rendered rendered, boolean keepPosted) implements Prepared {}

        /** {@code followUp}: how a skipped follow-up is counted ({@code taken}, {@code left}), else empty. */
        record Skip(String reason, Optional<String> followUp) implements Prepared {}
    }

    private final RelayConfig config;
    private final Outbox outbox;
    private final Formatters formatters;
    private final Templates templates;
    private volatile ClaimLink links;

    Requests(RelayConfig config, Outbox outbox, Formatters formatters, Templates templates) {
        this.config = config;
        this.outbox = outbox;
        this.formatters = formatters;
        this.templates = templates;
    }

    Prepared prepare(Delivery delivery, Instant now) throws MalformedEventException {
        if (delivery.isDigest()) {
            return new Prepared.Send(DigestRendering.render(outbox, formatters, delivery, now), false);
        }
        ChatDataEvent event = EventParser.parseStored(delivery.event().body(), delivery.event().type());
        Formatter formatter = formatters.forDestination(delivery.destination());
        Envelope envelope = envelope(delivery, formatter, event, now);
        return switch (delivery.kind()) {
            case EVENT -> new Prepared.Send(Rendering.richOrPlain(() -> formatter.format(envelope),
                    () -> formatter.format(envelope.asPlain())), escalation(event));
            case FOLLOW_UP -> followUp(envelope, formatter);
            case EDIT -> edit(delivery, envelope, formatter);
            case NOTICE -> notice(delivery, envelope, formatter);
        };
    }

    private Prepared followUp(Envelope envelope, Formatter formatter) {
        EscalationState state = envelope.escalation();
        if (state.taken().isPresent()) {
            EscalationState.Taken taken = state.taken().get();
            return new Prepared.Skip("taken by " + taken.by() + " at " + EscalationState.clock(taken.at()) + " via "
                    + taken.via() + ", before the follow-up was due", Optional.of("taken"));
        }
        if (state.visitorLeft().isPresent()) {
            return new Prepared.Skip("the visitor left at " + EscalationState.clock(state.visitorLeft().get())
                    + ", before the follow-up was due", Optional.of("left"));
        }
        return new Prepared.Send(Rendering.richOrPlain(() -> formatter.format(envelope),
                () -> formatter.format(envelope.asPlain())), true);
    }

    private Prepared edit(Delivery delivery, Envelope envelope, Formatter formatter) {
        Optional<String> posted = delivery.afterId() != 0 ? outbox.claims().posted(delivery.afterId())
                : delivery.target();
        if (posted.isEmpty()) {
            return new Prepared.Skip("nothing to edit: the message was not posted, or " + delivery.destination()
                    + " kept no reference to it", Optional.empty());
        }
        Optional<OutboundRequest> rich = formatter.formatEdit(envelope, posted.get());
        if (rich.isEmpty()) {
            return new Prepared.Skip(delivery.destination() + " cannot edit its messages", Optional.empty());
        }
        return new Prepared.Send(Rendering.richOrPlain(rich::get,
                () -> formatter.formatEdit(envelope.asPlain(), posted.get()).orElseThrow()), false);
    }

    /**
     * A notice of an escalation keeps the reference of what it posted, as the escalation's own messages
     * do: an agent answering the line that says how replies work is answering the escalation.
     */
    private static Prepared notice(Delivery delivery, Envelope envelope, Formatter formatter) {
        boolean keepPosted = escalation(envelope.event());
        return formatter.formatNotice(envelope, delivery.target().orElse(""))
                .<Prepared>map(request -> new Prepared.Send(new Rendering.Rendered(request, Optional.empty()),
                        keepPosted))
                .orElseGet(() -> new Prepared.Skip("nothing to answer", Optional.empty()));
    }

    private Envelope envelope(Delivery delivery, Formatter formatter, ChatDataEvent event, Instant now) {
        Optional<String> thread = event.conversationId() == null || !formatter.threadsConversations() ? Optional.empty()
                : outbox.shared().threadId(delivery.destination(), event.conversationId());
        Envelope envelope = new Envelope(delivery.event(), event, delivery.id(),
                templates.forDelivery(delivery.route(), delivery.destination()), thread, now);
        return escalation(event) ? envelope.withEscalation(state(delivery, event, now)) : envelope;
    }

    private static boolean escalation(ChatDataEvent event) {
        return event instanceof ChatDataEvent.LiveChatEscalation;
    }

    /** The escalation as things stand: who took it, whether the visitor left, its claim link. */
    private EscalationState state(Delivery delivery, ChatDataEvent event, Instant now) {
        Claims claims = outbox.claims();
        Optional<EscalationState.Taken> taken = claims.claimOf(delivery.event().id())
                .map(c -> new EscalationState.Taken(c.byName(), c.at(), c.via(), c.byId()));
        Optional<Instant> left = claims.visitorLeft(event.conversationId(), delivery.event().receivedAt());
        Optional<java.net.URI> link = config.server().publicUrl().isEmpty() ? Optional.empty()
                : links().url(config.server(), delivery.event().id(), delivery.destination(), now);
        Optional<Duration> after = ofAFollowUp(delivery, claims) ? Optional.of(followUpAfter(delivery, now))
                : Optional.empty();
        return new EscalationState(taken, left, link, after);
    }

    /** A follow-up, or an edit of one: its message keeps saying how long the escalation went untaken. */
    private static boolean ofAFollowUp(Delivery delivery, Claims claims) {
        if (delivery.kind() == DeliveryKind.FOLLOW_UP) {
            return true;
        }
        return delivery.kind() == DeliveryKind.EDIT && delivery.afterId() != 0 && claims.isFollowUp(delivery.afterId());
    }

    /** The route's {@code unclaimed.after}; if a reload removed it, the time the escalation waited. */
    private Duration followUpAfter(Delivery delivery, Instant now) {
        return config.routes().stream().filter(route -> route.name().equals(delivery.route())).findFirst()
                .flatMap(RouteConfig::unclaimed).map(UnclaimedConfig::after)
                .orElse(Duration.ofMinutes(Duration.between(delivery.event().receivedAt(), now).toMinutes()));
    }

    private ClaimLink links() {
        ClaimLink known = links;
        if (known == null) {
            known = new ClaimLink(outbox.claims().linkKey());
            links = known;
        }
        return known;
    }
}
