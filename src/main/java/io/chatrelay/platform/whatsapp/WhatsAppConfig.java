package io.chatrelay.platform.whatsapp;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: whatsapp}: the business phone number's id, an access token (secret), the recipients
 * in E.164, an optional approved template, and the Graph API's base URL.
 */
public record WhatsAppConfig(String name, String phoneNumberId, Secret accessToken, List<String> to,
                             Optional<Template> template, URI apiBaseUrl, DestinationOptions options)
        implements DestinationConfig {

    /** An approved message template: its name, language code and body parameters (Mustache over the event). */
    public record Template(String name, String language, List<String> parameters) {
        public Template {
            parameters = List.copyOf(parameters);
        }
    }

    public WhatsAppConfig {
        to = List.copyOf(to);
    }

    @Override
    public String type() {
        return WhatsAppPlatform.TYPE;
    }

    @Override
    public List<Secret> secrets() {
        return List.of(accessToken);
    }

    /**
     * One destination per recipient, named {@code <name>/<number>}: each recipient's message is its
     * own delivery, so it goes out once, and a retry to one recipient never reaches another.
     */
    @Override
    public Map<String, DestinationConfig> separately() {
        Map<String, DestinationConfig> parts = new LinkedHashMap<>();
        if (to.size() == 1 && name.endsWith("/" + to.get(0))) {
            parts.put(name, this);
            return parts;
        }
        for (String number : to) {
            String part = name + "/" + number;
            parts.put(part, new WhatsAppConfig(part, phoneNumberId, accessToken, List.of(number), template, apiBaseUrl,
                    options));
        }
        return parts;
    }

    /** A part, named {@code <name>/<number>}, was written as {@code <name>}. */
    @Override
    public String writtenAs() {
        String suffix = to.size() == 1 ? "/" + to.get(0) : null;
        return suffix != null && name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    /** The one recipient of a part. */
    String recipient() {
        return to.get(0);
    }
}
