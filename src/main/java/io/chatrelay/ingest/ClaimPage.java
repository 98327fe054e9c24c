package io.chatrelay.ingest;

import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.event.RawEvent;
import io.chatrelay.platform.ClaimLink;
import io.chatrelay.platform.EscalationState;
import io.chatrelay.store.Claims;
import io.chatrelay.store.StoreUnavailableException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The claim page, {@code GET|POST /claim/{token}}: the way to take an escalation from a platform
 * whose buttons the relay cannot hear (Teams, Google Chat, Mattermost, WhatsApp, email). The token
 * ({@link ClaimLink}) names the event and the destination the link was sent to. A GET only shows
 * the escalation and a form (link scanners and unfurlers fetch every URL); the form's POST takes
 * it and sends the person on to the live chat. Exists only while {@code server.public_url} is set.
 */
final class ClaimPage {

    static final String COOKIE = "chatrelay_name";
    static final int MAX_NAME = 80;
    private static final Duration COOKIE_LIFETIME = Duration.ofDays(365);

    private final Inbound.Parts parts;
    private volatile ClaimLink links;

    ClaimPage(Inbound.Parts parts) {
        this.parts = parts;
    }

    void register(JavalinConfig javalin) {
        javalin.routes.get("/claim/{token}", ctx -> answer(ctx, false));
        javalin.routes.post("/claim/{token}", ctx -> answer(ctx, true));
    }

    private void answer(Context ctx, boolean press) {
        Optional<URI> publicUrl = parts.config().get().server().publicUrl();
        if (publicUrl.isEmpty()) {
            ctx.status(404).json(Map.of("error", "not found"));
            return;
        }
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                        + "frame-ancestors 'none'; base-uri 'none'");
        try {
            Optional<ClaimLink.Claimable> claimable = links().verify(ctx.pathParam("token"), parts.clock().instant());
            if (claimable.isEmpty()) {
                refuse(ctx, "claim_link", "a claim link that is forged, expired or not this relay's");
                return;
            }
            Optional<ChatDataEvent.LiveChatEscalation> escalation = escalation(claimable.get().eventId());
            if (escalation.isEmpty()) {
                notFound(ctx);
                return;
            }
            if (press) {
                take(ctx, claimable.get(), escalation.get(), publicUrl.get());
            } else {
                show(ctx, claimable.get(), escalation.get());
            }
        } catch (StoreUnavailableException e) {
            page(ctx, 503, ClaimPageHtml.message("Try again in a moment",
                    "The relay cannot reach its store just now; nothing was changed. Try again in a moment."));
        }
    }

    /** The form, or who took the escalation already. Never claims. */
    private void show(Context ctx, ClaimLink.Claimable claimable, ChatDataEvent.LiveChatEscalation escalation) {
        String name = remembered(ctx);
        Optional<Claims.Claim> claim = parts.takes().claimOf(claimable.eventId());
        if (claim.isPresent()) {
            Claims.Claim taken = claim.get();
            String line = taken.byId().equals(byId(name)) && !name.isEmpty()
                    ? "You took this chat at " + EscalationState.clock(taken.at())
                    : ClaimPageHtml.takenLine(taken.byName(), taken.at());
            page(ctx, 200, ClaimPageHtml.taken(escalation, line));
            return;
        }
        page(ctx, 200, ClaimPageHtml.form(escalation, name, left(claimable, escalation)));
    }

    /** The form's POST: takes the escalation, remembers the name, and sends the person on. */
    private void take(Context ctx, ClaimLink.Claimable claimable, ChatDataEvent.LiveChatEscalation escalation,
                      URI publicUrl) {
        String given = ctx.formParam("name");
        String name = given == null ? "" : given.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME
                || name.codePoints().anyMatch(Character::isISOControl)) {
            page(ctx, 400, ClaimPageHtml.message("Your name, please", "Give your name (1 to " + MAX_NAME
                    + " characters, on one line) so that your team sees who took this chat, then press Take this chat."));
            return;
        }
        Claims.Taken taken = parts.takes().take(new Claims.Press(claimable.eventId(), byId(name), name,
                claimable.destination(), parts.clock().instant(), Optional.empty(), Optional.empty(), Optional.empty()));
        switch (taken.result()) {
            case TOOK, ALREADY_YOURS, RESENT -> {
                remember(ctx, name, publicUrl);
                String next = Optional.ofNullable(escalation.handlingUrl()).filter(ClaimPage::isWebUrl)
                        .orElse(publicUrl.toString().replaceAll("/+$", "") + "/claim/" + ctx.pathParam("token"));
                ctx.status(303).header("Location", next);
            }
            case TAKEN_BEFORE -> {
                remember(ctx, name, publicUrl);
                Claims.Claim claim = taken.claim().orElseThrow();
                page(ctx, 200, ClaimPageHtml.taken(escalation, ClaimPageHtml.takenLine(claim.byName(), claim.at())));
            }
            case NOT_AN_ESCALATION, UNKNOWN_EVENT -> notFound(ctx);
        }
    }

    /** "The visitor left at 14:09 UTC", if they did: worth knowing before taking the chat. */
    private Optional<String> left(ClaimLink.Claimable claimable, ChatDataEvent.LiveChatEscalation escalation) {
        if (escalation.conversationId() == null) {
            return Optional.empty();
        }
        return parts.history().event(claimable.eventId()).flatMap(raw -> parts.takes().claims()
                .visitorLeft(escalation.conversationId(), raw.receivedAt()))
                .map(at -> "The visitor left at " + EscalationState.clock(at) + ".");
    }

    /** The event the token names, if it is still stored and is an escalation. */
    private Optional<ChatDataEvent.LiveChatEscalation> escalation(String eventId) {
        Optional<RawEvent> raw = parts.history().event(eventId);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return EventParser.parseStored(raw.get().body(), raw.get().type()) instanceof
                    ChatDataEvent.LiveChatEscalation escalation ? Optional.of(escalation) : Optional.empty();
        } catch (MalformedEventException e) {
            return Optional.empty();
        }
    }

    /** The same person whatever the case they type their name in. */
    private static String byId(String name) {
        return "page:" + name.toLowerCase(Locale.ROOT);
    }

    private static String remembered(Context ctx) {
        String cookie = ctx.cookie(COOKIE);
        if (cookie == null) {
            return "";
        }
        try {
            String name = URLDecoder.decode(cookie, StandardCharsets.UTF_8).strip();
            return name.codePointCount(0, name.length()) > MAX_NAME ? "" : name;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void remember(Context ctx, String name, URI publicUrl) {
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "; Max-Age=" + COOKIE_LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax"
                + ("https".equalsIgnoreCase(publicUrl.getScheme()) ? "; Secure" : ""));
    }

    private void refuse(Context ctx, String reason, String why) {
        parts.metrics().requestRejected(reason);
        parts.refusals().refused(reason, 404, ctx.ip(), OptionalLong.empty(), null, why);
        notFound(ctx);
    }

    private static void notFound(Context ctx) {
        page(ctx, 404, ClaimPageHtml.message("Link not valid", "This claim link has expired, is not this relay's, "
                + "or its escalation is no longer stored. Open the live chat from the message instead."));
    }

    private static void page(Context ctx, int status, String html) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }

    private static boolean isWebUrl(String url) {
        return url.startsWith("https://") || url.startsWith("http://");
    }

    private ClaimLink links() {
        ClaimLink known = links;
        if (known == null) {
            known = new ClaimLink(parts.takes().claims().linkKey());
            links = known;
        }
        return known;
    }
}
