package io.chatrelay.admin;

import io.chatrelay.config.Redactor;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.event.RawEvent;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.Formatters;
import io.chatrelay.platform.Masking;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Templates;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The request as received and as sent, for an event's page: the stored body as text, and the
 * request a delivery's formatter renders for it now, shown the way {@code preview} shows one (URL
 * and header values masked by {@link Masking}), every text passed through the config's
 * {@link Redactor}. Formatters are pure, so rendering again sends nothing; the event's accepted
 * time stands in for the attempt's.
 */
public final class RequestsShown {

    /** A body is cut here: a page, not a download. */
    static final int MAX_BODY = 64 * 1024;

    private final Formatters formatters;
    private final Templates templates;
    private final Redactor redactor;

    private RequestsShown(Formatters formatters, Templates templates, Redactor redactor) {
        this.formatters = formatters;
        this.templates = templates;
        this.redactor = redactor;
    }

    public static RequestsShown of(RelayConfig config, Redactor redactor) {
        return new RequestsShown(Formatters.of(config), new Templates(config), redactor);
    }

    /** The body as the relay stored it, as text, secrets masked; contact details stay, as the event's page shows them. */
    static String received(RawEvent raw, Redactor redactor) {
        return shown(raw.body(), redactor);
    }

    /**
     * The request {@code destination}'s formatter renders for this event now (the plain rendering
     * when the rich one fails), or why there is none: the destination is no longer configured, or
     * the event cannot be rendered.
     */
    public Map<String, Object> sent(RawEvent raw, String deliveryId, String destination, String route) {
        Map<String, Object> shown = new LinkedHashMap<>();
        Formatter formatter;
        try {
            formatter = formatters.forDestination(destination);
        } catch (IllegalArgumentException gone) {
            shown.put("error", "the destination is no longer configured");
            return shown;
        }
        OutboundRequest request;
        try {
            ChatDataEvent event = EventParser.parseStored(raw.body(), raw.type());
            Envelope envelope = new Envelope(raw, event, deliveryId, templates.forDelivery(route, destination),
                    Optional.empty(), raw.receivedAt());
            request = render(formatter, envelope);
        } catch (MalformedEventException | RuntimeException e) {
            shown.put("error", "cannot render it: " + redactor.redact(String.valueOf(e.getMessage())));
            return shown;
        }
        shown.put("method", request.method());
        shown.put("url", request.displayUrl());
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> headers.put(name, redactor.redact(Masking.header(name, value))));
        shown.put("headers", headers);
        byte[] body = request.body();
        shown.put("body", shown(body, redactor));
        shown.put("size_bytes", body.length);
        shown.put("truncated", body.length > MAX_BODY);
        return shown;
    }

    private static OutboundRequest render(Formatter formatter, Envelope envelope) {
        try {
            return formatter.format(envelope);
        } catch (RuntimeException rich) {
            return formatter.format(envelope.asPlain());
        }
    }

    /** Masked before it is cut, so that no secret is half shown at the cut. */
    private static String shown(byte[] body, Redactor redactor) {
        String text = redactor.redact(new String(body, StandardCharsets.UTF_8));
        return body.length > MAX_BODY ? text.substring(0, Math.min(text.length(), MAX_BODY))
                + "\n… (cut at 64 KB of " + body.length + " bytes)" : text;
    }
}
