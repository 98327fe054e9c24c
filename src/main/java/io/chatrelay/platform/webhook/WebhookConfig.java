package io.chatrelay.platform.webhook;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: webhook}: any HTTP endpoint; header values are secrets because they usually carry credentials.
 * {@code claimLinkHeader}, when set, names the header an untaken escalation's claim link travels in
 * (off by default: a link takes the chat, and a CRM or archive need not hold one).
 */
public record WebhookConfig(String name, Secret url, String method, Map<String, Secret> headers,
                            Optional<Secret> signingSecret, DestinationOptions options, Optional<String> claimLinkHeader)
        implements DestinationConfig {

    public WebhookConfig(String name, Secret url, String method, Map<String, Secret> headers,
                         Optional<Secret> signingSecret, DestinationOptions options) {
        this(name, url, method, headers, signingSecret, options, Optional.empty());
    }

    public WebhookConfig {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    @Override
    public String type() {
        return WebhookPlatform.TYPE;
    }

    @Override
    public List<Secret> secrets() {
        List<Secret> secrets = new ArrayList<>();
        secrets.add(url);
        secrets.addAll(headers.values());
        signingSecret.ifPresent(secrets::add);
        return secrets;
    }
}
