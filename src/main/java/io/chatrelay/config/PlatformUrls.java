package io.chatrelay.config;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the webhook URLs of the chat platforms (each platform says how its own look, in
 * {@link DestinationType#webhookUrls()}), so that a Discord URL pasted into a {@code slack}
 * destination is pointed out before every message to it goes dead with a 400.
 */
final class PlatformUrls {

    private PlatformUrls() {}

    /** Warns when the destination's URL belongs to another platform than its own. */
    static void check(DestinationType own, Collection<? extends DestinationType> platforms, Fields destination) {
        for (String key : List.of("webhook_url", "url")) {
            Optional<URI> url = destination.peekUrl(key);
            if (url.isEmpty()) {
                continue;
            }
            Optional<? extends DestinationType> owner = platforms.stream().filter(p -> p != own)
                    .filter(p -> p.webhookUrls().dedicated().test(url.get())
                            || p.webhookUrls().shared().test(url.get()) && !own.webhookUrls().generic())
                    .findFirst();
            if (owner.isPresent() && !ownsToo(own, url.get())) {
                String other = owner.get().displayName();
                String mine = own.webhookUrls().generic() ? "a generic webhook" : own.displayName();
                String generic = own.webhookUrls().generic() ? " unless a template makes the body what " + other
                        + " expects" : "";
                destination.warn(key, "is a " + other + " webhook URL, but the destination's type is " + mine + ": "
                        + other + " will refuse what the relay sends" + generic + "; use type: " + owner.get().type()
                        + ", or the URL meant for " + mine);
            }
        }
    }

    private static boolean ownsToo(DestinationType own, URI url) {
        return own.webhookUrls().dedicated().test(url) || own.webhookUrls().shared().test(url);
    }
}
