package io.chatrelay.config;

import java.net.URI;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * How one platform's webhook URLs look, so that a URL of one platform pasted into a destination of
 * another is pointed out before every message to it goes dead. {@code dedicated}: hosts only this
 * platform serves; {@code shared}: hosts that also run other flows (Power Automate runs Teams
 * workflows and anything else), so such a URL on a generic webhook is no sign of a mistake.
 * {@code generic}: the platform takes any URL (the plain webhook).
 */
public record WebhookUrls(Predicate<URI> dedicated, Predicate<URI> shared, boolean generic) {

    /** A platform without webhook URLs of its own (an API with tokens, a mail server). */
    public static final WebhookUrls NONE = new WebhookUrls(uri -> false, uri -> false, false);
    /** The generic webhook: any URL. */
    public static final WebhookUrls GENERIC = new WebhookUrls(uri -> false, uri -> false, true);

    public static WebhookUrls dedicated(Predicate<URI> owns) {
        return new WebhookUrls(owns, uri -> false, false);
    }

    public WebhookUrls alsoShared(Predicate<URI> owns) {
        return new WebhookUrls(dedicated, owns, generic);
    }

    /** Whether the URL's host is one of {@code domains} or under one. */
    public static boolean hostIs(URI uri, String... domains) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        for (String domain : domains) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the URL's host is exactly {@code host}. */
    public static boolean hostIsExactly(URI uri, String host) {
        return uri.getHost() != null && uri.getHost().toLowerCase(Locale.ROOT).equals(host);
    }
}
