package io.chatrelay.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Recognises the webhook URLs of the chat platforms, so that a Discord URL pasted into a
 * {@code slack} destination is pointed out before every message to it goes dead with a 400.
 */
final class PlatformUrls {

    /**
     * Destination type, the platform's name, and how its webhook URLs look. {@code sharedHost}: the
     * host also serves other flows (Power Automate runs Teams workflows and anything else), so such a
     * URL on a generic {@code webhook} destination is no sign of a mistake.
     */
    private record Platform(String type, String name, boolean sharedHost, Predicate<URI> owns) {}

    private static final List<Platform> PLATFORMS = List.of(
            new Platform("slack", "Slack", false, uri -> host(uri).equals("hooks.slack.com")),
            new Platform("discord", "Discord", false, uri -> hostIs(uri, "discord.com", "discordapp.com")
                    && uri.getRawPath() != null && uri.getRawPath().startsWith("/api/webhooks/")),
            new Platform("teams", "Microsoft Teams", false, uri -> hostIs(uri, "webhook.office.com")),
            new Platform("teams", "Microsoft Teams", true, uri -> hostIs(uri, "logic.azure.com", "powerplatform.com")),
            new Platform("telegram", "Telegram", false, uri -> host(uri).equals("api.telegram.org")),
            new Platform("google_chat", "Google Chat", false, uri -> host(uri).equals("chat.googleapis.com")));
    private static final Map<String, String> NAMES = names();

    private PlatformUrls() {}

    /** Warns when the destination's URL belongs to another platform than its {@code type}. */
    static void check(String type, Fields destination) {
        for (String key : List.of("webhook_url", "url")) {
            Optional<Platform> owner = destination.peekUrl(key).flatMap(PlatformUrls::owner);
            if (owner.isPresent() && !owner.get().type().equals(type)
                    && !(owner.get().sharedHost() && type.equals("webhook"))) {
                String generic = type.equals("webhook") ? " unless a template makes the body what "
                        + owner.get().name() + " expects" : "";
                destination.warn(key, "is a " + owner.get().name() + " webhook URL, but the destination's type is "
                        + NAMES.getOrDefault(type, type) + ": " + owner.get().name() + " will refuse what the relay sends"
                        + generic + "; use type: " + owner.get().type() + ", or the URL meant for "
                        + NAMES.getOrDefault(type, type));
            }
        }
    }

    private static Optional<Platform> owner(URI uri) {
        return PLATFORMS.stream().filter(p -> p.owns().test(uri)).findFirst();
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    private static boolean hostIs(URI uri, String... domains) {
        String host = host(uri);
        for (String domain : domains) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        PLATFORMS.forEach(p -> names.putIfAbsent(p.type(), p.name()));
        names.put("webhook", "a generic webhook");
        return names;
    }
}
